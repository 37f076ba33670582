/**
 * Captures recorded from a real Linux TCP stack by tools/realcapture/record.sh (see
 * test/fixtures/real/README.md): two pods behind a node's real iptables MASQUERADE, a server that closes
 * first on 3306, refuses 3307 and drops the SYNs of a few connections with a firewall rule. The
 * simulator's captures test the analyzer against the simulator's idea of the kernel; these test it
 * against the kernel itself.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyzeCaptureSync, type CaptureAnalysis } from '../../src/analyzer/analyze.js';
import { MemorySource } from '../../src/analyzer/capture/memorySource.js';
import { correlateCaptures } from '../../src/analyzer/correlation/correlateCaptures.js';
import { diagnoseSingle } from '../../src/analyzer/diagnosis/diagnoseSingle.js';
import type { AttemptFindings } from '../../src/analyzer/diagnosis/attemptFindings.js';
import type { HandshakeAttempt } from '../../src/analyzer/model.js';

const DIR = join(__dirname, '../fixtures/real');

interface PodTruth { address: string; established: number; refused: number; dropped: number }
interface RealTruth {
  kernel: string;
  server: string;
  refusedPort: number;
  nodeAddress: string;
  pods: Record<'pod-a' | 'pod-b', PodTruth>;
  droppedSourcePorts: [number, number];
}

const truth = JSON.parse(readFileSync(join(DIR, 'truth.json'), 'utf8')) as RealTruth;
const [SERVER_ADDRESS, SERVER_PORT] = truth.server.split(':');

function load(file: string): CaptureAnalysis {
  return analyzeCaptureSync(new MemorySource(readFileSync(join(DIR, file))), file);
}

function totals(pods: PodTruth[]): { established: number; refused: number; dropped: number } {
  const sum = { established: 0, refused: 0, dropped: 0 };
  for (const pod of pods) for (const kind of ['established', 'refused', 'dropped'] as const) sum[kind] += pod[kind];
  return sum;
}

/** What the recording script did to the attempt, read from where it sent it and from which port. */
function intended(attempt: HandshakeAttempt): 'established' | 'refused' | 'dropped' {
  if (attempt.server.port === truth.refusedPort) return 'refused';
  const [first, last] = truth.droppedSourcePorts;
  if (attempt.client.port >= first && attempt.client.port <= last) return 'dropped';
  return 'established';
}

const EXPECTED_CAUSE = { established: null, refused: 'refused', dropped: 'dropped-at-server' } as const;

function assertOutcomes(attempts: readonly HandshakeAttempt[], findings: AttemptFindings, expected: { established: number; refused: number; dropped: number }): void {
  const seen = { established: 0, refused: 0, dropped: 0 };
  for (const attempt of attempts) {
    const kind = intended(attempt);
    seen[kind]++;
    assert.equal(attempt.server.address, SERVER_ADDRESS);
    assert.equal(findings.get(attempt.id)?.cause ?? null, EXPECTED_CAUSE[kind], `attempt ${attempt.id} (${kind})`);
    assert.equal(attempt.verdict === 'fail', kind !== 'established', `attempt ${attempt.id} verdict`);
    if (kind === 'refused') assert.equal(attempt.outcome, 'refused');
    if (kind === 'dropped') {
      assert.equal(attempt.outcome, 'no-reply');
      assert.equal(attempt.server.port, Number(SERVER_PORT));
      // The kernel retransmitted the SYN before the client's 3.5 s timeout gave up.
      assert.ok(attempt.syns.length > 1, `attempt ${attempt.id} has SYN retransmissions`);
    }
    if (kind === 'established') assert.equal(attempt.outcome, 'established');
  }
  assert.deepEqual(seen, expected);
}

test('real node-side and server-side captures: every attempt has the outcome and cause the recording gave it', () => {
  const client = load('node-side.pcap');
  const server = load('server-side.pcap');
  const result = correlateCaptures(client, server, 'en');
  const expected = totals([truth.pods['pod-a'], truth.pods['pod-b']]);
  assertOutcomes(client.handshakes, result.findings, expected);
  assertOutcomes(server.handshakes, result.serverFindings, expected);
  for (const attempt of client.handshakes.filter((a) => a.verdict === 'fail')) {
    assert.equal(result.findings.get(attempt.id)?.confidence, 'high', `attempt ${attempt.id}`);
  }
  const codes = result.diagnoses.map((d) => d.code);
  assert.deepEqual(result.diagnoses.find((d) => d.code === 'refused')!.handshakeIds.length, expected.refused);
  assert.deepEqual(result.diagnoses.find((d) => d.code === 'dropped-at-server')!.handshakeIds.length, expected.dropped);
  assert.ok(!codes.includes('lost-before-server') && !codes.includes('reply-lost') && !codes.includes('not-covered'), codes.join());
});

test('real captures: a server without tcp_tw_recycle is never blamed on PAWS, and the replay says it is off', () => {
  const client = load('node-side.pcap');
  const server = load('server-side.pcap');
  const result = correlateCaptures(client, server, 'en');
  // Both pods share the node's address at the server and their TSvals are unrelated, so the kernel rule
  // predicts drops; a modern kernel has no tcp_tw_recycle and answered most of them.
  assert.equal(result.paws.consistency, 'contradicted');
  assert.equal(result.paws.confidence, null);
  assert.ok(result.paws.counts.predictedDropsAnswered >= 2);
  assert.deepEqual(result.diagnoses.filter((d) => d.code === 'paws-tw-recycle'), []);
  const dropped = result.diagnoses.find((d) => d.code === 'dropped-at-server')!;
  assert.ok(dropped.evidence.some((e) => e.values.predictedDropsAnswered === result.paws.counts.predictedDropsAnswered));
  const singles = [diagnoseSingle(load('server-side.pcap'), 'server', 'en'), diagnoseSingle(load('node-side.pcap'), 'client', 'en')];
  for (const single of singles) assert.deepEqual(single.diagnoses.filter((d) => d.code === 'paws-tw-recycle'), []);
  for (const findings of [result.findings, result.serverFindings, ...singles.map((s) => s.findings)]) {
    for (const finding of findings.values()) assert.notEqual(finding.cause, 'paws-tw-recycle');
  }
});

test('real captures: TSval clocks behind the node address at the server', () => {
  const server = load('server-side.pcap');
  const result = diagnoseSingle(server, 'server', 'en');
  const clocks = result.diagnoses.find((d) => d.code === 'nat-multiple-clocks')!;
  assert.ok(clocks, 'nat-multiple-clocks');
  assert.equal(clocks.severity, 'info');
  // The kernel these were recorded on (see truth.json) starts every connection's TSval at its own random
  // offset, not one offset per address pair: in server-side.pcap, tsval − 1000·t differs for every
  // connection, including those of one pod, while a SYN's retransmissions keep it. So the analyzer
  // cannot see two clocks (pod-a, pod-b) behind the node's address, and rightly says each connection is
  // on a line of its own without counting hosts.
  const total = server.handshakes.length;
  assert.equal(clocks.handshakeIds.length, total);
  assert.deepEqual(clocks.evidence.filter((e) => e.values.clock !== undefined), []);
  assert.ok(clocks.evidence.some((e) => e.values.address === truth.nodeAddress && e.values.loneConnections === total));
});

test('real captures: correlation through a real MASQUERADE, clock offset near 0', () => {
  const client = load('node-side.pcap');
  const server = load('server-side.pcap');
  const result = correlateCaptures(client, server, 'en');
  assert.equal(result.translations.perAttempt.length, client.handshakes.length);
  for (const translation of result.translations.perAttempt) {
    assert.equal(translation.before, translation.after, 'the node captured after NAT, on the same wire as the server');
  }
  // Both captures were taken by one machine's clock: the offset is the wire's delay, microseconds.
  assert.ok(result.offset);
  assert.ok(Math.abs(result.offset.medianMs) < 5, `offset ${result.offset.medianMs} ms`);
  assert.ok(result.offset.pairs >= client.handshakes.length);
});

test('real captures: pod-a before NAT correlates with the server capture, pod-a appearing as the node', () => {
  const client = load('pod-a.pcap');
  const server = load('server-side.pcap');
  const result = correlateCaptures(client, server, 'en');
  const podA = truth.pods['pod-a'];
  assertOutcomes(client.handshakes, result.findings, totals([podA]));
  for (const attempt of client.handshakes) assert.equal(attempt.client.address, podA.address);
  assert.equal(result.translations.perAttempt.length, client.handshakes.length);
  for (const translation of result.translations.perAttempt) {
    assert.ok(translation.addressRewritten);
    assert.equal(translation.after.split(':')[0], truth.nodeAddress);
  }
  assert.deepEqual(result.translations.perAddress.map((t) => ({ serverSees: t.serverSees, clients: t.clients })), [
    { serverSees: truth.nodeAddress, clients: [{ address: podA.address, attempts: client.handshakes.length }] },
  ]);
  assert.ok(result.offset && Math.abs(result.offset.medianMs) < 5);
  assert.deepEqual(result.diagnoses.filter((d) => d.code === 'paws-tw-recycle'), []);
});
