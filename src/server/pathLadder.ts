/**
 * The ladder of one attempt along a path: every capture point that could have seen it (the pod, the
 * node before and after NAT, the server) is a column, and each packet is drawn arriving at the point
 * whose capture holds it, on the first capture's clock. A point that misses the SYN has no packet, which
 * the diagram shows as its absence.
 */
import { endpointText, type HandshakeAttempt } from '../analyzer/model.js';
import type { PathStep } from '../analyzer/correlation/attemptPath.js';
import type { LadderPacketJson, LadderPointJson } from '../shared/lspExtensions.js';
import { ladderPackets } from './attemptLadder.js';
import type { PathView } from './pathView.js';

/** The attempt of capture `capture` behind path row `rowId`, if that capture holds it. */
function attemptAt(path: PathView, capture: number, rowId: number): HandshakeAttempt | undefined {
  const { correlation } = path;
  const id = capture === path.server ? correlation.correlation.serverIdOf.get(rowId) : correlation.rows[rowId - 1]?.sightings.get(capture)?.id;
  return id === undefined ? undefined : path.views[capture].attemptById(id);
}

/** The packets one point shows: after a NAT only the SYN as rewritten (the tracker keeps that view's first SYN). */
function pointPackets(attempt: HandshakeAttempt, step: PathStep, point: number, offsetMs: number, isServer: boolean): LadderPacketJson[] {
  const capture = isServer ? 'server' : 'client';
  const all = ladderPackets(attempt, capture, offsetMs).map((packet) => ({ ...packet, alignedTime: packet.time - offsetMs / 1000, point }));
  if (step.side !== 'after-nat' || attempt.natViews === undefined || attempt.natViews.length === 0) return all;
  const view = attempt.natViews[attempt.natViews.length - 1];
  const syn = all.find((packet) => packet.kind === 'syn');
  if (!syn) return [];
  return [{ ...syn, frame: view.frame, time: view.time, alignedTime: view.time - offsetMs / 1000, source: view.client, destination: endpointText(attempt.server) }];
}

/**
 * Orders the packets causally: a SYN (same TSval) or any other packet of one kind reaches the points
 * after its sender later, never before, though clock offsets are estimates; ties keep path order.
 */
function causalOrder(packets: LadderPacketJson[]): LadderPacketJson[] {
  const latest = new Map<string, number>();
  const keyOf = (p: LadderPacketJson) => `${p.direction} ${p.kind} ${p.kind === 'syn' ? p.tsval : ''}`;
  const ordered = [...packets].sort((a, b) => {
    const along = (p: LadderPacketJson) => (p.direction === 'to-server' ? p.point! : -p.point!);
    return along(a) - along(b) || a.alignedTime - b.alignedTime;
  });
  const keyed = ordered.map((packet, index) => {
    const key = keyOf(packet);
    const time = Math.max(packet.alignedTime, latest.get(key) ?? -Infinity);
    latest.set(key, time);
    return { packet, time, index };
  });
  keyed.sort((a, b) => a.time - b.time || a.index - b.index);
  return keyed.map(({ packet }) => packet);
}

export interface PathLadder {
  points: LadderPointJson[];
  packets: LadderPacketJson[];
}

/** The ladder of the attempt `id` of capture `capture` along the path, or null when it is on no row. */
export function pathLadder(path: PathView, capture: number, id: number, fileNames: readonly string[]): PathLadder | null {
  const rowId = path.rowOf[capture].get(id);
  if (rowId === undefined) return null;
  const steps = path.correlation.paths.get(rowId) ?? [];
  const points: LadderPointJson[] = [];
  const packets: LadderPacketJson[] = [];
  steps.forEach((step, point) => {
    const attempt = attemptAt(path, step.capture, rowId);
    points.push({ file: fileNames[step.capture], side: step.side, client: step.client, seen: step.seen, server: step.capture === path.server });
    if (!attempt || !step.seen) return;
    packets.push(...pointPackets(attempt, step, point, path.clocks[step.capture]?.offsetMs ?? 0, step.capture === path.server));
  });
  return { points, packets: causalOrder(packets) };
}
