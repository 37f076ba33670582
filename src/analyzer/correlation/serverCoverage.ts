/** What the server capture covers, in the client capture's clock (see ServerCoverage). */
import { captureRecording } from '../capture/captureRecording.js';
import type { CaptureSide } from '../diagnosis/captureSide.js';
import type { ClockOffset } from './clockOffset.js';
import type { ServerCoverage } from './failureLocation.js';

/**
 * `offset` null: nothing matched, and the offset is taken as zero (a "lost" SYN is then less certain).
 * `spanKnown` false: the server capture's span says nothing about the client capture's moments (the
 * recorded times do not overlap and no attempt ties the clocks together), so nothing is covered.
 * A pcapng file's interface statistics say when the capture started and stopped, which may lie beyond
 * its first and last packets, and how many packets it dropped.
 */
export function serverCoverage(server: CaptureSide, offset: ClockOffset | null, spanKnown: boolean): ServerCoverage {
  const shift = (offset?.medianMs ?? 0) / 1000;
  const inClientClock = (time: number | null) => (time === null || !spanKnown ? null : time - shift);
  const recorded = server.info ? captureRecording(server.info) : null;
  const widest = (packet: number | null, statistic: number | null | undefined, pick: (a: number, b: number) => number) =>
    packet === null ? statistic ?? null : statistic == null ? packet : pick(packet, statistic);
  return {
    start: inClientClock(widest(server.summary.start, recorded?.start, Math.min)),
    end: inClientClock(widest(server.summary.end, recorded?.end, Math.max)),
    dropped: recorded?.dropped ?? null,
    serverPorts: new Set(server.handshakes.map((a) => a.server.port)),
    listedUntil: server.unlisted ? server.unlisted.firstSynTime - shift : null,
    gaps: (server.set?.gaps ?? []).map((gap) => ({ from: gap.from - shift, to: gap.to - shift })),
  };
}
