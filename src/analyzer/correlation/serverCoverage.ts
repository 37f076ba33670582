/** What the server capture covers, in the client capture's clock (see ServerCoverage). */
import type { CaptureSide } from '../diagnosis/captureSide.js';
import type { ClockOffset } from './clockOffset.js';
import type { ServerCoverage } from './failureLocation.js';

/**
 * `offset` null: nothing matched, and the offset is taken as zero (a "lost" SYN is then less certain).
 * `spanKnown` false: the server capture's span says nothing about the client capture's moments (the
 * recorded times do not overlap and no attempt ties the clocks together), so nothing is covered.
 */
export function serverCoverage(server: CaptureSide, offset: ClockOffset | null, spanKnown: boolean): ServerCoverage {
  const shift = (offset?.medianMs ?? 0) / 1000;
  const inClientClock = (time: number | null) => (time === null || !spanKnown ? null : time - shift);
  return {
    start: inClientClock(server.summary.start),
    end: inClientClock(server.summary.end),
    serverPorts: new Set(server.handshakes.map((a) => a.server.port)),
    listedUntil: server.unlisted ? server.unlisted.firstSynTime - shift : null,
  };
}
