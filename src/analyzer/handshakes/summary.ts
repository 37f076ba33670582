/** The per-capture counts shown under the table and in JSON `captures[].summary`. */
import { endpointText, type CaptureSummary, type HandshakeAttempt, type ServerFailureRate } from '../model.js';

export interface CaptureCounts {
  packets: number;
  tcpPackets: number;
  midstream: number;
  start: number | null;
  end: number | null;
}

/** Servers with the most failures first (then the most attempts), as someone hunting a failure wants them. */
function perServer(handshakes: HandshakeAttempt[]): ServerFailureRate[] {
  const byServer = new Map<string, ServerFailureRate>();
  for (const handshake of handshakes) {
    const server = endpointText(handshake.server);
    let rate = byServer.get(server);
    if (rate === undefined) byServer.set(server, (rate = { server, attempts: 0, failed: 0 }));
    rate.attempts++;
    if (handshake.verdict === 'fail') rate.failed++;
  }
  return [...byServer.values()].sort((x, y) => y.failed - x.failed || y.attempts - x.attempts || (x.server < y.server ? -1 : 1));
}

export function summarizeCapture(handshakes: HandshakeAttempt[], counts: CaptureCounts): CaptureSummary {
  let passed = 0;
  let failed = 0;
  let synRetransmissions = 0;
  for (const handshake of handshakes) {
    if (handshake.verdict === 'pass') passed++;
    else if (handshake.verdict === 'fail') failed++;
    synRetransmissions += handshake.syns.length - 1;
  }
  return {
    ...counts,
    attempts: handshakes.length,
    passed,
    failed,
    unknown: handshakes.length - passed - failed,
    synRetransmissions,
    perServer: perServer(handshakes),
  };
}
