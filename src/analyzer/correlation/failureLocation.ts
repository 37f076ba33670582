/**
 * Where along the path a failed client attempt died, from what the server capture shows of it: the SYN
 * never arrived, arrived and was not answered, was answered by RST, or was answered and the answer never
 * came back. Why a SYN that arrived was not answered is the diagnosis's business (PAWS or otherwise).
 */
import { endpointText, type HandshakeAttempt, type ServerView } from '../model.js';
import type { AttemptMatch } from './attemptMatching.js';

export type FailureLocation = 'lost-before-server' | 'dropped-at-server' | 'reply-lost' | 'refused' | 'not-covered';

/** What the server capture covers: its time span and the server ports it shows traffic for. */
export interface ServerCoverage {
  start: number | null;
  end: number | null;
  serverPorts: ReadonlySet<number>;
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
 * own doing, not a path or server problem).
 */
export function locateFailure(client: HandshakeAttempt, match: AttemptMatch | undefined, coverage: ServerCoverage, offsetMs: number): FailureLocation | null {
  if (client.verdict !== 'fail') return null;
  if (client.rst?.from === 'server' || match?.server.rst?.from === 'server') return 'refused';
  if (client.synAck !== null) return null;
  if (match) return match.server.synAck !== null ? 'reply-lost' : 'dropped-at-server';
  return covers(coverage, client, offsetMs) ? 'lost-before-server' : 'not-covered';
}

/** The server capture was running while every SYN of the attempt should have arrived, for that port. */
function covers(coverage: ServerCoverage, client: HandshakeAttempt, offsetMs: number): boolean {
  if (coverage.start === null || coverage.end === null || !coverage.serverPorts.has(client.server.port)) return false;
  const first = client.syns[0].time + offsetMs / 1000;
  const last = client.syns[client.syns.length - 1].time + offsetMs / 1000;
  return first >= coverage.start && last <= coverage.end;
}
