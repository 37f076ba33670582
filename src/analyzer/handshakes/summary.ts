/** The per-capture counts shown under the table and in JSON `captures[].summary`. */
import { endpointText, type CaptureSummary, type HandshakeAttempt, type ServerFailureRate, type Verdict } from '../model.js';

export interface CaptureCounts {
  packets: number;
  tcpPackets: number;
  midstream: number;
  start: number | null;
  end: number | null;
}

/**
 * Attempt counts, overall and per server. The summary counts the listed attempts through it, and the
 * tracker the attempts past the row limit, which it counts and then forgets.
 */
export class AttemptTally {
  attempts = 0;
  passed = 0;
  failed = 0;
  synRetransmissions = 0;
  /** Attempts counted overall but not per server, once `maxServers` servers are held. */
  beyondServerLimit = 0;
  readonly byServer = new Map<string, ServerFailureRate>();

  constructor(private readonly maxServers = Infinity) {}

  add(server: string, verdict: Verdict, synCount: number): void {
    this.attempts++;
    if (verdict === 'pass') this.passed++;
    else if (verdict === 'fail') this.failed++;
    this.synRetransmissions += synCount - 1;
    let rate = this.byServer.get(server);
    if (rate === undefined) {
      if (this.byServer.size >= this.maxServers) {
        this.beyondServerLimit++;
        return;
      }
      this.byServer.set(server, (rate = { server, attempts: 0, failed: 0 }));
    }
    rate.attempts++;
    if (verdict === 'fail') rate.failed++;
  }

  /** Adds another tally's counts to this one (its per-server rows are copied, not shared). */
  merge(other: AttemptTally): void {
    this.attempts += other.attempts;
    this.passed += other.passed;
    this.failed += other.failed;
    this.synRetransmissions += other.synRetransmissions;
    this.beyondServerLimit += other.beyondServerLimit;
    for (const [server, { attempts, failed }] of other.byServer) {
      const rate = this.byServer.get(server);
      if (rate === undefined) this.byServer.set(server, { server, attempts, failed });
      else {
        rate.attempts += attempts;
        rate.failed += failed;
      }
    }
  }

  /** Servers with the most failures first (then the most attempts), as someone hunting a failure wants them. */
  perServer(): ServerFailureRate[] {
    return [...this.byServer.values()].sort((x, y) => y.failed - x.failed || y.attempts - x.attempts || (x.server < y.server ? -1 : 1));
  }
}

/** `unlisted`: the attempts past the row limit, counted by the tracker (none by default). */
export function summarizeCapture(handshakes: HandshakeAttempt[], counts: CaptureCounts, unlisted?: AttemptTally): CaptureSummary {
  const tally = new AttemptTally();
  for (const handshake of handshakes) tally.add(endpointText(handshake.server), handshake.verdict, handshake.syns.length);
  if (unlisted !== undefined) tally.merge(unlisted);
  return {
    ...counts,
    attempts: tally.attempts,
    passed: tally.passed,
    failed: tally.failed,
    unknown: tally.attempts - tally.passed - tally.failed,
    synRetransmissions: tally.synRetransmissions,
    perServer: tally.perServer(),
  };
}
