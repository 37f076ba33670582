/**
 * The recordings of tools/realcapture/ (test/fixtures/real/<scenario>/): captures from this machine's
 * Linux TCP stack in network namespaces, and truth.json, written from the clients' own sockets, the
 * server application's log and tshark's reading of each capture, never from the analyzer. What an
 * attempt should be is derived here from that truth alone.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyzeCaptureSync, type CaptureAnalysis } from '../../src/analyzer/analyze.js';
import { MemorySource } from '../../src/analyzer/capture/memorySource.js';
import { correlateCaptures, type CorrelationResult } from '../../src/analyzer/correlation/correlateCaptures.js';
import { diagnoseSingle } from '../../src/analyzer/diagnosis/diagnoseSingle.js';
import type { AttemptFindings } from '../../src/analyzer/diagnosis/attemptFindings.js';
import type { DiagnosisCode, HandshakeAttempt, Outcome, Verdict } from '../../src/analyzer/model.js';

/** What one capture holds of a connection, as tshark reads it (tools/realcapture/truth.py). */
export interface CaptureSighting {
  /** Transmissions of the client's SYN (by its ISN). */
  transmissions: number;
  /** The SYN's source as this capture shows it (before or after NAT). */
  from: string | null;
  /** Every source the capture holds the SYN with (before and after NAT in a capture of both sides); recordings since path-drops. */
  sources?: string[];
  /** SYN-ACKs acknowledging that SYN. */
  synAcks: number;
  /** RSTs from the client with the sequence number after its SYN. */
  clientResets: number;
  /** Bare ACKs that answered a SYN transmission with another acknowledgement than ISN + 1 (recordings since time-wait-collision). */
  unrelatedAcks?: number;
  /** The client's RSTs whose sequence number is such an ACK's acknowledgement. */
  unrelatedAckResets?: number;
}

/** One connection as the client's socket saw it (tools/realcapture/client.py) and the server's application logged it. */
export interface SocketTruth {
  pod: string;
  local: string;
  destination: string;
  /** `ok`, an errno name from SO_ERROR (ECONNREFUSED, ETIMEDOUT…), or `gave-up`: the application's connect timeout. */
  connect: string;
  started: number;
  connectEnded: number;
  /** Whether the server's application greeted it (null when connect() failed). */
  greeted: boolean | null;
  tcpInfo: { state: string; totalRetrans: number; rttUs: number; options: { timestamps: boolean; sack: boolean; wscale: boolean } } | null;
  isn: number | null;
  synsSeen: Record<string, CaptureSighting>;
  serverAccepted: boolean;
  /** The MSS the server's accepted socket sends with (TCP_MAXSEG), in recordings whose server logged it. */
  serverMss?: number;
}

export interface RecordingTruth {
  scenario: string;
  kernel: string;
  server: string;
  nodeAddress: string;
  captures: string[];
  /** Server namespace counters that moved between the two `nstat -az` snapshots. */
  serverCounters: Record<string, number>;
  connections: SocketTruth[];
  serverClockShiftSeconds?: number;
}

export interface Recording {
  truth: RecordingTruth;
  load(file: string): CaptureAnalysis;
}

export function recording(scenario: string): Recording {
  const dir = join(__dirname, '../fixtures/real', scenario);
  const truth = JSON.parse(readFileSync(join(dir, 'truth.json'), 'utf8')) as RecordingTruth;
  assert.equal(truth.scenario, scenario);
  return { truth, load: (file) => analyzeCaptureSync(new MemorySource(readFileSync(join(dir, file))), file) };
}

function portOf(endpoint: string): number {
  return Number(endpoint.slice(endpoint.lastIndexOf(':') + 1));
}

/** The connection an attempt is, by the client's ISN (NAT keeps it) and the destination port. */
export function connectionOf(truth: RecordingTruth, attempt: HandshakeAttempt): SocketTruth {
  const found = truth.connections.filter((c) => c.isn === attempt.isn && portOf(c.destination) === attempt.server.port);
  assert.equal(found.length, 1, `attempt ${attempt.id} (ISN ${attempt.isn}) is one connection of truth.json`);
  return found[0];
}

/** The connections whose SYN this capture holds. */
export function seenIn(truth: RecordingTruth, capture: string): SocketTruth[] {
  return truth.connections.filter((c) => c.synsSeen[capture].transmissions > 0);
}

/** The outcome the socket and the capture's own packets give: connect() decides, the capture says what it saw of a failure. */
export function expectedOutcome(connection: SocketTruth, capture: string): { verdict: Verdict; outcome: Outcome } {
  // connect() succeeded but the server's application never accept()ed it: the server never served it.
  if (connection.connect === 'ok') return connection.serverAccepted ? { verdict: 'pass', outcome: 'established' } : { verdict: 'fail', outcome: 'not-accepted' };
  if (connection.connect === 'ECONNREFUSED') return { verdict: 'fail', outcome: 'refused' };
  const seen = connection.synsSeen[capture];
  // The client reset the ACKs that a socket of an earlier connection sent in answer to its SYN.
  if (seen.synAcks === 0) return { verdict: 'fail', outcome: (seen.unrelatedAckResets ?? 0) > 0 ? 'reset-by-client' : 'no-reply' };
  // The socket was closed before any SYN-ACK reached it (its own timeout), and this capture lost the
  // SYN-ACKs the server capture shows going out in time: the ones it has came after, and the host's reset
  // answered them. (At the server the first SYN-ACK left in time: there the client simply reset it.)
  const sent = connection.synsSeen['server-side.pcap']?.synAcks ?? seen.synAcks;
  if (connection.connect === 'gave-up' && seen.clientResets > 0 && seen.synAcks < sent) return { verdict: 'fail', outcome: 'syn-ack-after-give-up' };
  return { verdict: 'fail', outcome: seen.clientResets > 0 ? 'reset-by-client' : 'no-ack' };
}

/**
 * Every connection the capture saw is exactly one attempt, with the verdict, outcome and SYN count
 * the truth gives; no attempt is left without a connection.
 */
export function assertAttemptsMatchSockets(rec: Recording, capture: string, attempts: readonly HandshakeAttempt[]): void {
  const expected = seenIn(rec.truth, capture);
  for (const connection of expected) {
    const mine = attempts.filter((a) => a.isn === connection.isn && a.server.port === portOf(connection.destination));
    assert.equal(mine.length, 1, `${capture}: ${connection.local} → ${connection.destination} is one attempt`);
  }
  assert.equal(attempts.length, expected.length, `${capture}: attempts`);
  for (const attempt of attempts) {
    const connection = connectionOf(rec.truth, attempt);
    const what = `${capture}: ${connection.local} (${connection.connect})`;
    assert.deepEqual({ verdict: attempt.verdict, outcome: attempt.outcome }, expectedOutcome(connection, capture), what);
    assert.equal(attempt.syns.length, connection.synsSeen[capture].transmissions, `${what}: SYN transmissions`);
    if (connection.synsSeen[capture].from === connection.local && connection.tcpInfo) {
      // The client's own capture: its socket counted the same SYN retransmissions (TCP_INFO right after connect).
      assert.equal(attempt.syns.length - 1, connection.tcpInfo.totalRetrans, `${what}: tcpi_total_retrans`);
      if (connection.tcpInfo.options.timestamps) assert.notEqual(attempt.synOptions.tsval, null, `${what}: timestamps negotiated`);
    }
  }
}

/** The cause a correlation or a single-capture diagnosis gave an attempt, from its findings. */
export function causeOf(findings: AttemptFindings, attempt: HandshakeAttempt): DiagnosisCode | null {
  return findings.get(attempt.id)?.cause ?? null;
}

export function correlate(rec: Recording, client: string, server: string): { client: CaptureAnalysis; result: CorrelationResult } {
  const clientCapture = rec.load(client);
  return { client: clientCapture, result: correlateCaptures(clientCapture, rec.load(server), 'en') };
}

/** Where a PAWS blame can come from: the pair correlated, the server capture alone, the client capture alone. */
export type PawsView = 'pair' | 'server alone' | 'client alone';
export const PAWS_VIEWS: readonly PawsView[] = ['pair', 'server alone', 'client alone'];

/** The attempt ids blamed on tcp_tw_recycle in one view, by a diagnosis or by an attempt's cause. */
export function pawsBlame(rec: Recording, client: string, server: string, view: PawsView): { diagnosed: number[][]; caused: number[] } {
  let diagnoses;
  let attempts;
  let findings;
  if (view === 'pair') {
    const pair = correlate(rec, client, server);
    ({ diagnoses, findings } = pair.result);
    attempts = pair.client.handshakes;
  } else {
    const capture = rec.load(view === 'server alone' ? server : client);
    ({ diagnoses, findings } = diagnoseSingle(capture, view === 'server alone' ? 'server' : 'client', 'en'));
    attempts = capture.handshakes;
  }
  return {
    diagnosed: diagnoses.filter((d) => d.code === 'paws-tw-recycle').map((d) => d.handshakeIds),
    caused: attempts.filter((a) => causeOf(findings, a) === 'paws-tw-recycle').map((a) => a.id),
  };
}

export function assertNoPawsBlame(rec: Recording, clients: readonly string[], server: string, view: PawsView): void {
  // The server capture alone is one view whichever client capture goes with it.
  for (const client of view === 'server alone' ? clients.slice(0, 1) : clients) assert.deepEqual(pawsBlame(rec, client, server, view), { diagnosed: [], caused: [] }, `${client} / ${server}, ${view}`);
}

/**
 * One test per view: no tcp_tw_recycle blame, on a kernel that has no tcp_tw_recycle (gone since 4.12).
 * `todo` names the views the analyzer blames today, with what it shows.
 */
export function noPawsBlameTests(rec: Recording, clients: readonly string[], server: string, todo: Partial<Record<PawsView, string>> = {}): void {
  for (const view of PAWS_VIEWS) {
    test(`${rec.truth.scenario}: never blamed on tcp_tw_recycle (${view}, ${server})`, { todo: todo[view] }, () => assertNoPawsBlame(rec, clients, server, view));
  }
}

/** Each failed attempt's cause after correlation, beside the cause the truth calls for. */
export function assertCauses(rec: Recording, attempts: readonly HandshakeAttempt[], expected: (connection: SocketTruth) => string | null, findings: AttemptFindings): void {
  for (const attempt of attempts) {
    const connection = connectionOf(rec.truth, attempt);
    assert.equal(causeOf(findings, attempt), expected(connection), `${connection.local} → ${connection.destination} (${connection.connect})`);
  }
}
