/**
 * What two capture points of one path show of each other: the attempts both hold (matched as a client and
 * a server capture are, by ISN, port and TSvals: Linux NAT keeps them), and which of the two lies nearer
 * the client. A SYN crosses the capture points in path order, so
 *   - each routing hop between them lowers its TTL (ip_forward() → ip_decrease_ttl()), and raises the
 *     TTL of the SYN-ACK coming back the other way;
 *   - a capture holding both sides of a NAT (`tcpdump -i any` on the node) sees the rewritten view of a
 *     SYN the capture before the NAT sees only once;
 *   - a handshake that completed crossed every point after the client's, so the capture nearer the client
 *     holds no passed attempt the farther one misses, while the farther one holds the passed attempts of
 *     other clients too (a node carries several pods).
 * The first of these that tells the two apart decides.
 */
import type { CaptureSide } from '../diagnosis/captureSide.js';
import type { HandshakeAttempt } from '../model.js';
import { matchAttempts, type AttemptMatch } from './attemptMatching.js';
import { findCorrespondenceEvidence } from './captureCorrespondence.js';
import type { ClockOffset } from './clockOffset.js';
import { serverCoverage } from './serverCoverage.js';

/** How the direction of a link was decided. */
export type LinkEvidence = 'ttl' | 'nat-view' | 'passed-attempts' | 'server';

export interface CaptureLink {
  /** Capture indexes: `upstream` lies nearer the client. */
  upstream: number;
  downstream: number;
  /** Attempts both hold; `client` is the upstream capture's, `server` the downstream one's. */
  matches: AttemptMatch[];
  /** Downstream capture clock minus upstream capture clock. */
  offset: ClockOffset;
  by: LinkEvidence;
  /** Passed attempts of the upstream capture inside the downstream one's span that it does not hold. */
  upstreamPassedMissing: number;
}

/** +1 when the first capture lies nearer the client, −1 when the second, 0 when this sign cannot tell. */
type Direction = -1 | 0 | 1;

function sign(value: number): Direction {
  return value > 0 ? 1 : value < 0 ? -1 : 0;
}

/** SYN TTLs fall along the path, SYN-ACK TTLs rise: the majority of matched attempts that show a difference. */
function byTtl(matches: readonly AttemptMatch[]): Direction {
  let votes = 0;
  for (const { client: a, server: b } of matches) {
    votes += sign(a.ttl - b.ttl);
    if (a.synAck?.ttl != null && b.synAck?.ttl != null) votes += sign(b.synAck.ttl - a.synAck.ttl);
  }
  return sign(votes);
}

function natViewed(attempt: HandshakeAttempt): boolean {
  return (attempt.natViews?.length ?? 0) > 0;
}

/** The capture that holds the after-NAT view of SYNs the other holds once lies past the other's point. */
function byNatViews(matches: readonly AttemptMatch[]): Direction {
  let votes = 0;
  for (const { client: a, server: b } of matches) votes += Number(natViewed(b)) - Number(natViewed(a));
  return sign(votes);
}

/** Passed attempts of `from` inside `to`'s span, on a port `to` shows, that `to` does not hold. */
function passedMissing(from: CaptureSide, to: CaptureSide, matches: readonly AttemptMatch[], offset: ClockOffset, pick: (m: AttemptMatch) => HandshakeAttempt): number {
  const coverage = serverCoverage(to, offset, true);
  return findCorrespondenceEvidence(from.handshakes, new Set(matches.map(pick)), coverage).unfound.length;
}

function byPassed(missingFirst: number, missingSecond: number): Direction {
  if (missingFirst === 0 && missingSecond > 0) return 1;
  if (missingSecond === 0 && missingFirst > 0) return -1;
  return 0;
}

function inverse(offset: ClockOffset): ClockOffset {
  return { medianMs: -offset.medianMs, spreadMs: offset.spreadMs, minMs: -offset.maxMs, maxMs: -offset.minMs, pairs: offset.pairs };
}

function swapped(match: AttemptMatch): AttemptMatch {
  return {
    ...match,
    client: match.server,
    server: match.client,
    synPairs: match.synPairs.map((p) => ({ clientIndex: p.serverIndex, serverIndex: p.clientIndex, offsetMs: -p.offsetMs })),
    offsetMs: -match.offsetMs,
  };
}

/**
 * The link between captures `i` and `j`, or null when they share no attempt. `server`: the index of the
 * capture named the server's (`--server`), which lies past every other.
 */
export function linkCaptures(captures: readonly CaptureSide[], i: number, j: number, server: number | null): CaptureLink | null {
  const { matches, offset } = matchAttempts(captures[i].handshakes, captures[j].handshakes);
  if (matches.length === 0 || offset === null) return null;
  const missingI = passedMissing(captures[i], captures[j], matches, offset, (m) => m.client);
  const missingJ = passedMissing(captures[j], captures[i], matches, inverse(offset), (m) => m.server);
  const decided: Array<[Direction, LinkEvidence]> = [
    [server === j ? 1 : server === i ? -1 : 0, 'server'],
    [byTtl(matches), 'ttl'],
    [byNatViews(matches), 'nat-view'],
    [byPassed(missingI, missingJ), 'passed-attempts'],
  ];
  const [direction, by] = decided.find(([d]) => d !== 0) ?? [0, 'passed-attempts'];
  if (direction === 0) return null;
  return direction === 1
    ? { upstream: i, downstream: j, matches, offset, by, upstreamPassedMissing: missingI }
    : { upstream: j, downstream: i, matches: matches.map(swapped), offset: inverse(offset), by, upstreamPassedMissing: missingJ };
}
