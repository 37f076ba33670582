/**
 * Where along the path a failed client attempt died, from what the server capture shows of it: the SYN
 * never arrived, arrived and was not answered, was answered by RST, or was answered and the answer never
 * came back. Why a SYN that arrived was not answered is the diagnosis's business (PAWS or otherwise).
 */
import { endpointText, type HandshakeAttempt, type ServerView } from '../model.js';
import type { ResetOrigin } from '../diagnosis/resetOrigin.js';
import type { AttemptMatch } from './attemptMatching.js';

export type FailureLocation = 'lost-before-server' | 'dropped-at-server' | 'reply-lost' | 'refused' | 'reset-by-middlebox' | 'not-covered';

/**
 * What the server capture covers. A pcap file shows when its first and last packets came, not when
 * tcpdump ran, so the span is a lower bound of when it ran, and only moments inside it are covered; a
 * pcapng file written by dumpcap also says when the capture started and stopped.
 */
export interface ServerCoverage {
  /** Server capture span, in client capture time. */
  start: number | null;
  end: number | null;
  serverPorts: ReadonlySet<number>;
  /** Packets the server capture says it dropped (pcapng isb_ifdrop + isb_osdrop); null when it does not say. */
  dropped: number | null;
  /**
   * When the server capture lists only its first attempts: the time of its first unlisted SYN. From
   * then on an attempt absent from its list may still be in the file, so it is not covered.
   */
  listedUntil: number | null;
  /**
   * Times inside the span that a server capture set did not record (a gap between two of its files),
   * in client capture time: an attempt there is not covered, whatever the span says.
   */
  gaps: readonly { from: number; to: number }[];
}

export interface LocatedFailure {
  location: FailureLocation;
  /** How sure the location is; lower when the attempt lies beyond the server capture's recorded span. */
  certain: boolean;
}

export function serverView(match: AttemptMatch): ServerView {
  const { server } = match;
  return {
    client: endpointText(server.client),
    seen: true,
    replied: server.synAck !== null || server.rst?.from === 'server',
    offsetMs: match.offsetMs,
  };
}

/**
 * Null for attempts that did not fail, or that failed after a SYN-ACK reached the client (the client's
 * own doing, not a path or server problem). `coverage` times are in the client capture's clock.
 */
export function locateFailure(client: HandshakeAttempt, match: AttemptMatch | undefined, coverage: ServerCoverage, resetFrom: ResetOrigin = 'unknown'): LocatedFailure | null {
  if (client.verdict !== 'fail') return null;
  if (match?.server.rst?.from === 'server') return { location: 'refused', certain: true };
  if (client.rst?.from === 'server') return resetLocation(client, match, coverage, resetFrom);
  if (client.outcome === 'syn-ack-after-give-up') return lateReplyLocation(client, match);
  if (client.synAck !== null) return null;
  if (match) return { location: match.server.synAck !== null ? 'reply-lost' : 'dropped-at-server', certain: true };
  return coverageOf(coverage, client);
}

/** The server capture could show this attempt: its port is there, and it is not past the listed attempts. */
function mayShow(coverage: ServerCoverage, client: HandshakeAttempt): coverage is ServerCoverage & { start: number; end: number } {
  if (coverage.start === null || coverage.end === null || !coverage.serverPorts.has(client.server.port)) return false;
  if (client.syns.some((syn) => coverage.gaps.some((gap) => syn.time > gap.from && syn.time < gap.to))) return false;
  return coverage.listedUntil === null || client.syns[client.syns.length - 1].time < coverage.listedUntil;
}

/** Every SYN of the attempt lies inside the server capture's recorded span, where it must appear if it got there. */
export function withinCoverage(coverage: ServerCoverage, client: HandshakeAttempt): boolean {
  return mayShow(coverage, client) && client.syns[0].time >= coverage.start && client.syns[client.syns.length - 1].time <= coverage.end;
}

/**
 * The client's only SYN-ACKs came after it had given up. The replies were lost on the way back when the
 * server capture shows the server sent more SYN-ACKs than reached the client; when it shows no more, the
 * server answered late, and why is not in the captures.
 */
function lateReplyLocation(client: HandshakeAttempt, match: AttemptMatch | undefined): LocatedFailure | null {
  const sent = match?.server.synAck?.count ?? 0;
  return sent > (client.synAck?.count ?? 0) ? { location: 'reply-lost', certain: true } : null;
}

/**
 * The client got a reset from the server's direction. The server capture shows whether the server sent
 * it: when it holds the SYN and no reset left the server, or covered the moment and never saw the SYN,
 * something in between answered (a firewall's REJECT --reject-with tcp-reset, a load balancer, kube-proxy
 * rejecting a service without endpoints). When the server capture cannot show it, the reset stays the
 * server's own refusal, as far as anyone can tell.
 */
function resetLocation(client: HandshakeAttempt, match: AttemptMatch | undefined, coverage: ServerCoverage, resetFrom: ResetOrigin): LocatedFailure {
  if (match) return { location: 'reset-by-middlebox', certain: true };
  if (withinCoverage(coverage, client)) return { location: 'reset-by-middlebox', certain: true };
  // The server capture cannot show it (no traffic to that port, or outside its span): the reset's TTL can.
  if (resetFrom === 'elsewhere') return { location: 'reset-by-middlebox', certain: false };
  return { location: 'refused', certain: resetFrom === 'server' };
}

/**
 * A capture file shows its first and last packets, not when tcpdump ran: a SYN that arrived while it ran
 * would itself be in the file, so a SYN earlier than the first packet or later than the last says nothing
 * about the path. Only the SYNs inside the span can be missed; an attempt with none there is not covered,
 * and one with some there but not all is located with less certainty.
 */
function coverageOf(coverage: ServerCoverage, client: HandshakeAttempt): LocatedFailure {
  if (!mayShow(coverage, client)) return { location: 'not-covered', certain: true };
  if (withinCoverage(coverage, client)) return { location: 'lost-before-server', certain: true };
  const { start, end } = coverage;
  const someInside = client.syns.some((syn) => syn.time >= start && syn.time <= end);
  return someInside ? { location: 'lost-before-server', certain: false } : { location: 'not-covered', certain: true };
}
