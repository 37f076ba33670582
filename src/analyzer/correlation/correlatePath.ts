/**
 * The entry point for any number of captures of one path: inside the pods, on the node (before and after
 * NAT, or both in one `tcpdump -i any`), on routers, at the server. The captures are put in path order
 * (captureLinks.ts, pathOrder.ts: TTLs, NAT views, which capture holds which passed attempts; the server
 * capture named, or found as the last point), their clocks tied to the first capture's
 * (captureOffsets.ts), and the attempts of the captures before the server become one row each, wherever
 * they were seen (pathRows.ts). The rows are then set against the server capture as one client capture
 * is (correlateCaptures.ts, whose diagnoses they get), and each failure is placed between two capture
 * points (pathLocation.ts): `dropped-at-node` where one on the client's side misses the SYN. The
 * captures are only read.
 */
import type { Lang } from '../explain/language.js';
import type { HandshakeAttempt } from '../model.js';
import { endpointText } from '../model.js';
import type { AttemptFindings } from '../diagnosis/attemptFindings.js';
import { captureSide, type CaptureInput } from '../diagnosis/captureSide.js';
import type { HopSoundness } from '../diagnosis/droppedAtNode.js';
import { clientSidePath, pathCapture, recordedMoment, type PathCapture, type PathStep } from './attemptPath.js';
import { linkCaptures, type CaptureLink } from './captureLinks.js';
import { captureClocks, type CaptureClock } from './captureOffsets.js';
import { correlationSteps, type CorrelationResult } from './correlateCaptures.js';
import { allSteps, type DiagnosisSteps } from '../diagnosis/diagnosisSteps.js';
import { pathLocator } from './pathLocation.js';
import { orderCaptures, type PathOrder } from './pathOrder.js';
import { pathRows, type PathRow } from './pathRows.js';
import { firstSynLosses, synsAtEachCapture } from './firstSynLoss.js';
import { shiftedAttempt } from './shiftedAttempt.js';

export interface PathCaptureInput {
  /** How the capture is named in evidence: its file as given. */
  name: string;
  capture: CaptureInput;
}

export interface PathCorrelation {
  /** What the rows show against the server capture: diagnoses, findings (by row id), the server's own view. */
  correlation: CorrelationResult;
  order: PathOrder;
  /** Per capture (as given): its clock minus the first capture's; null when no attempt ties it to the first. */
  clocks: Array<CaptureClock | null>;
  /** One per attempt of the captures before the server, in order of the first SYN; `attempt.id` is the row id. */
  rows: PathRow[];
  /** Per row id: every capture point that could have seen the attempt, in path order, the server's last. */
  paths: ReadonlyMap<number, PathStep[]>;
  /** The correlation's findings with each row's path. */
  findings: AttemptFindings;
}

/** The row's SYN times in the first capture's clock. */
function referenceTimes(row: PathRow, clocks: ReadonlyArray<CaptureClock | null>): HandshakeAttempt {
  return shiftedAttempt(row.attempt, -(clocks[row.capture]?.offsetMs ?? 0) / 1000);
}

/** The least SYN pairs two capture points must share for one's absence of a SYN to prove it. */
const SOUND_PAIRS = 3;

/**
 * A hop's missing point is shown to hold its last-seen point's traffic: within one capture of both sides
 * of a NAT, every passed attempt seen before the NAT is seen after it too; between two captures, the link
 * rests on enough SYNs and the later one misses no passed attempt of the earlier one in its span.
 */
function hopSoundness(links: readonly CaptureLink[], captures: readonly PathCapture[]): HopSoundness {
  const bothSidesShown = new Map<number, boolean>();
  return ({ lastSeen, missing }) => {
    if (lastSeen.capture === missing.capture) {
      const { side, afterNatAddresses } = captures[lastSeen.capture];
      const shown = bothSidesShown.get(lastSeen.capture)
        ?? side.handshakes.every((a) => a.verdict !== 'pass' || afterNatAddresses.has(a.client.address) || (a.natViews?.length ?? 0) > 0);
      bothSidesShown.set(lastSeen.capture, shown);
      return shown;
    }
    const link = links.find((l) => l.upstream === lastSeen.capture && l.downstream === missing.capture);
    return link !== undefined && link.offset.pairs >= SOUND_PAIRS && link.upstreamPassedMissing === 0;
  };
}

/**
 * `serverIndex`: the capture named the server's (`--server`), or null to find it. With fewer than two
 * captures there is no path: use diagnoseSingle.
 */
export function correlatePath(inputs: readonly PathCaptureInput[], serverIndex: number | null, lang: Lang): PathCorrelation {
  return allSteps(pathCorrelationSteps(inputs, serverIndex, lang));
}

/** correlatePath's passes (diagnosisSteps.ts), those of the correlation with the server capture among them. */
export function* pathCorrelationSteps(inputs: readonly PathCaptureInput[], serverIndex: number | null, lang: Lang): DiagnosisSteps<PathCorrelation> {
  if (inputs.length < 2) throw new RangeError('correlatePath needs two captures or more');
  const sides = inputs.map((input) => captureSide(input.capture));
  const links: CaptureLink[] = [];
  for (let i = 0; i < sides.length; i++) {
    for (let j = i + 1; j < sides.length; j++) {
      const link = linkCaptures(sides, i, j, serverIndex);
      if (link) links.push(link);
    }
  }
  yield;
  const order = orderCaptures(sides.length, links, serverIndex);
  const clocks = captureClocks(sides.length, links);
  const clientSide = order.order.filter((capture) => capture !== order.server);
  const rows = pathRows(sides, clientSide, links, clocks);
  const inReference = rows.map((row) => referenceTimes(row, clocks));
  const points = sides.map((side, index) => pathCapture(side, clocks[index]));
  const clientSteps = new Map(rows.map((row, index) => [row.attempt.id, clientSidePath(row, order, points, inReference[index].syns.map((s) => s.time))]));
  yield;

  const serverPoint = points[order.server];
  const serverStep = (id: number, seen: HandshakeAttempt | null): PathStep | null => {
    if (seen) return { capture: order.server, side: null, client: endpointText(seen.client), seen: true, replied: seen.synAck !== null || seen.rst?.from === 'server', firstSynTime: seen.synTime };
    const row = inReference[id - 1];
    return recordedMoment(serverPoint, row.server.port, row.syns.map((s) => s.time)) ? { capture: order.server, side: null, client: null, seen: false, replied: false, firstSynTime: null } : null;
  };
  const losses = firstSynLosses(rows, links, points, clocks, (id) => clientSteps.get(id) ?? []);
  const leftThere = synsAtEachCapture(rows, clocks);
  const locator = pathLocator((id) => clientSteps.get(id) ?? [], serverStep, hopSoundness(links, points), inputs.map((input) => input.name), { losses, leftThere });
  yield;
  const correlation = yield* correlationSteps(inReference, sides[order.server], lang, locator);
  const serverById = new Map(sides[order.server].handshakes.map((attempt) => [attempt.id, attempt]));
  const paths = new Map(rows.map((row) => {
    const id = row.attempt.id;
    const matched = correlation.serverIdOf.get(id);
    const atServer = serverStep(id, matched === undefined ? null : serverById.get(matched) ?? null);
    return [id, [...clientSteps.get(id)!, ...(atServer ? [atServer] : [])]];
  }));
  const findings = new Map([...correlation.findings].map(([id, finding]) => [id, { ...finding, path: paths.get(id) }]));
  for (const [id, path] of paths) if (!findings.has(id)) findings.set(id, { cause: null, confidence: null, atServer: null, path });
  return { correlation, order, clocks, rows, paths, findings };
}
