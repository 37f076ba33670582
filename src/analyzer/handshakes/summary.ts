/** The per-capture counts shown under the table and in JSON `captures[].summary`. */
import { endpointText, type CaptureSummary, type Endpoint, type HandshakeAttempt, type ServerFailureRate, type Verdict } from '../model.js';
import { synCountOf } from './storedRecords.js';
import { firstInOrder, worstFirst } from '../firstInOrder.js';

/** The summary's servers, the worst first (the breakdown's order). */
const BY_SERVER = worstFirst<ServerFailureRate>((row) => row.server);

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
    this.addTotals(verdict, synCount);
    this.addServer(server, 1, verdict === 'fail' ? 1 : 0);
  }

  /** One attempt in the totals only. */
  addTotals(verdict: Verdict, synCount: number): void {
    this.attempts++;
    if (verdict === 'pass') this.passed++;
    else if (verdict === 'fail') this.failed++;
    this.synRetransmissions += synCount - 1;
  }

  /** `attempts` more attempts to `server`, `failed` of them failed, in the per-server rows only. */
  addServer(server: string, attempts: number, failed: number): void {
    let rate = this.byServer.get(server);
    if (rate === undefined) {
      if (this.byServer.size >= this.maxServers) {
        this.beyondServerLimit += attempts;
        return;
      }
      this.byServer.set(server, (rate = { server, attempts: 0, failed: 0 }));
    }
    rate.attempts += attempts;
    rate.failed += failed;
  }

  /** Adds another tally's counts to this one (its per-server rows are copied, not shared). */
  merge(other: AttemptTally): void {
    this.attempts += other.attempts;
    this.passed += other.passed;
    this.failed += other.failed;
    this.synRetransmissions += other.synRetransmissions;
    this.beyondServerLimit += other.beyondServerLimit;
    for (const [server, { attempts, failed }] of other.byServer) this.addServer(server, attempts, failed);
  }

  /**
   * The first `limit` servers with the most failures first (then the most attempts), as someone hunting a
   * failure wants them; a scan's millions are ranked without being sorted.
   */
  perServer(limit = Infinity): ServerFailureRate[] {
    return firstInOrder(this.byServer.values(), limit, BY_SERVER);
  }

  /** Servers counted per server with at least one failure. */
  get serversWithFailures(): number {
    let count = 0;
    for (const rate of this.byServer.values()) if (rate.failed > 0) count++;
    return count;
  }
}

/**
 * Servers a summary lists: a scan's millions would be as many rows in every report and overview. The
 * summary counts them all (`servers`, `serversWithFailures`); the breakdown and the table hold the rest.
 */
export const SUMMARY_SERVERS = 1_000;

/** `unlisted`: the attempts past the row limit, counted by the tracker (none by default). */
export function summarizeCapture(handshakes: HandshakeAttempt[], counts: CaptureCounts, unlisted?: AttemptTally): CaptureSummary {
  const tally = new AttemptTally();
  // Counted by endpoint object first, its text made once: records share one object per address and
  // port, and a text and a look-up by it per attempt cost a flood's ten million attempts seconds. Equal
  // endpoints given as two objects add up in their text's row.
  const byServer = new Map<Endpoint, { attempts: number; failed: number }>();
  for (const handshake of handshakes) {
    const verdict = handshake.verdict;
    tally.addTotals(verdict, synCountOf(handshake));
    let counts = byServer.get(handshake.server);
    if (counts === undefined) byServer.set(handshake.server, (counts = { attempts: 0, failed: 0 }));
    counts.attempts++;
    if (verdict === 'fail') counts.failed++;
  }
  for (const [server, { attempts, failed }] of byServer) tally.addServer(endpointText(server), attempts, failed);
  if (unlisted !== undefined) tally.merge(unlisted);
  return {
    ...counts,
    attempts: tally.attempts,
    passed: tally.passed,
    failed: tally.failed,
    unknown: tally.attempts - tally.passed - tally.failed,
    synRetransmissions: tally.synRetransmissions,
    servers: tally.byServer.size,
    serversWithFailures: tally.serversWithFailures,
    perServer: tally.perServer(SUMMARY_SERVERS),
  };
}
