/**
 * Which capture points could have seen an attempt, in path order, and what each shows of it. A point
 * could have seen it when it lies on the attempt's way (a capture that holds it, or one after such a
 * capture) and recorded the moment: every SYN of the attempt inside its recorded span, on a port it
 * shows, before any attempt it did not list. A capture holding both sides of a NAT (`tcpdump -i any` on
 * the node: its attempts carry `natViews`) is two points: before the NAT and after it.
 */
import { endpointText, type HandshakeAttempt } from '../model.js';
import type { CaptureSide } from '../diagnosis/captureSide.js';
import type { CaptureClock } from './captureOffsets.js';
import type { PathOrder } from './pathOrder.js';
import type { PathRow } from './pathRows.js';

export type NatSide = 'before-nat' | 'after-nat';

export interface PathStep {
  /** Index of the capture. */
  capture: number;
  /** In a capture holding both sides of a NAT: which side this point is; null for any other capture. */
  side: NatSide | null;
  /** The client as this point shows it (`ip:port`); null where the SYN was not seen. */
  client: string | null;
  /** The SYN is in this capture. */
  seen: boolean;
  /** The server's answer (SYN-ACK, or its reset) is in this capture. */
  replied: boolean;
  /** That capture's time of the first SYN it holds of the attempt; null where not seen. */
  firstSynTime: number | null;
}

/** What the path builder needs of each capture, computed once. */
export interface PathCapture {
  side: CaptureSide;
  clock: CaptureClock | null;
  ports: ReadonlySet<number>;
  /** The client addresses this capture shows after a NAT (those of its attempts' `natViews`); empty when it holds one side. */
  afterNatAddresses: ReadonlySet<string>;
}

export function pathCapture(side: CaptureSide, clock: CaptureClock | null): PathCapture {
  const afterNatAddresses = new Set<string>();
  for (const attempt of side.handshakes) for (const view of attempt.natViews ?? []) afterNatAddresses.add(view.client.slice(0, view.client.lastIndexOf(':')));
  return { side, clock, ports: new Set(side.handshakes.map((a) => a.server.port)), afterNatAddresses };
}

/** Every SYN of the attempt (times in the first capture's clock) lies where this capture recorded. */
export function recordedMoment(capture: PathCapture, serverPort: number, synTimes: readonly number[]): boolean {
  const { clock, side } = capture;
  if (clock === null || side.summary.start === null || side.summary.end === null || !capture.ports.has(serverPort) || synTimes.length === 0) return false;
  const shift = clock.offsetMs / 1000;
  const first = synTimes[0] + shift;
  const last = synTimes[synTimes.length - 1] + shift;
  const listedUntil = side.unlisted?.firstSynTime ?? Infinity;
  return first >= side.summary.start && last <= side.summary.end && last < listedUntil;
}

function answered(attempt: HandshakeAttempt): boolean {
  return attempt.synAck !== null || attempt.rst?.from === 'server';
}

const UNSEEN = { client: null, seen: false, replied: false, firstSynTime: null } as const;

function seenStep(capture: number, side: NatSide | null, attempt: HandshakeAttempt): PathStep {
  return { capture, side, client: endpointText(attempt.client), seen: true, replied: answered(attempt), firstSynTime: attempt.synTime };
}

/** The points of one capture for an attempt it holds (`attempt`) or could have held (undefined). */
function stepsOf(index: number, capture: PathCapture, attempt: HandshakeAttempt | undefined): PathStep[] {
  if (capture.afterNatAddresses.size === 0) return [attempt ? seenStep(index, null, attempt) : { capture: index, side: null, ...UNSEEN }];
  if (attempt === undefined) return (['before-nat', 'after-nat'] as const).map((side) => ({ capture: index, side, ...UNSEEN }));
  const view = attempt.natViews?.[attempt.natViews.length - 1];
  if (view) {
    // The tracker keeps the row's own SYN-ACK; the view's answer is taken as the row's.
    return [seenStep(index, 'before-nat', attempt), { capture: index, side: 'after-nat', client: view.client, seen: true, replied: answered(attempt), firstSynTime: view.time }];
  }
  // Seen once: after the NAT when its source is one the NAT writes (nothing is known of it before), else before it only.
  if (capture.afterNatAddresses.has(attempt.client.address)) return [seenStep(index, 'after-nat', attempt)];
  return [seenStep(index, 'before-nat', attempt), { capture: index, side: 'after-nat', ...UNSEEN }];
}

/**
 * The client-side points of a row, in path order (`order.order`, without the server capture). `synTimes`
 * are the row's SYN times in the first capture's clock.
 */
export function clientSidePath(row: PathRow, order: PathOrder, captures: readonly PathCapture[], synTimes: readonly number[]): PathStep[] {
  const onPath = new Set<number>(row.sightings.keys());
  for (const seen of row.sightings.keys()) for (const after of order.downstreamOf[seen]) onPath.add(after);
  return order.order.filter((capture) => capture !== order.server && onPath.has(capture)).flatMap((capture) => {
    const attempt = row.sightings.get(capture);
    if (attempt === undefined && !recordedMoment(captures[capture], row.attempt.server.port, synTimes)) return [];
    return stepsOf(capture, captures[capture], attempt);
  });
}
