/** What the server capture covers, in the client capture's clock (see ServerCoverage). */
import type { HandshakeAttempt } from '../model.js';
import type { CaptureSide } from '../diagnosis/captureSide.js';
import type { AttemptMatch } from './attemptMatching.js';
import type { ClockOffset } from './clockOffset.js';
import type { ServerCoverage } from './failureLocation.js';

/**
 * `offset` null: nothing matched, and the offset is taken as zero (a "lost" SYN is then less certain).
 * `spanKnown` false: the server capture's span says nothing about the client capture's moments (the
 * recorded times do not overlap and no attempt ties the clocks together), so nothing is covered.
 */
export function serverCoverage(client: CaptureSide, server: CaptureSide, matches: readonly AttemptMatch[], offset: ClockOffset | null, spanKnown: boolean): ServerCoverage {
  const shift = (offset?.medianMs ?? 0) / 1000;
  const matched = new Set<HandshakeAttempt>(matches.map((m) => m.client));
  const answeredButUnseen = client.handshakes
    .filter((a) => !matched.has(a) && (a.synAck !== null || a.rst?.from === 'server'))
    .map((a) => a.synTime)
    .sort((a, b) => a - b);
  const inClientClock = (time: number | null) => (time === null || !spanKnown ? null : time - shift);
  return {
    start: inClientClock(server.summary.start),
    end: inClientClock(server.summary.end),
    serverPorts: new Set(server.handshakes.map((a) => a.server.port)),
    answeredButUnseen,
    listedUntil: server.unlisted ? server.unlisted.firstSynTime - shift : null,
    gaps: (server.set?.gaps ?? []).map((gap) => ({ from: gap.from - shift, to: gap.to - shift })),
  };
}
