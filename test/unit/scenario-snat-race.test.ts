/**
 * The simulator's conntrack SNAT race (scenario `snat-race`): replica pods a and b connect at the same
 * moments, 0.4 ms apart; the node drops the later first SYN (the clash in `__nf_conntrack_confirm`) and
 * its retransmission leaves a second later with another NAT port. With the pods', the node's uplink and
 * the server's captures, those slow connects are `dropped-at-node` with the race's signature, exactly
 * the ones the ground truth says; without the node's capture nothing can say more than "lost before the
 * server".
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeCaptureSync } from '../../src/analyzer/analyze.js';
import { MemorySource } from '../../src/analyzer/capture/memorySource.js';
import { correlatePath } from '../../src/analyzer/correlation/correlatePath.js';
import { scenarioSpec } from '../../src/generator/scenario/catalogue.js';
import { runScenario } from '../../src/generator/scenario/simulation.js';
import { truthOf } from './scenarioAnalysis.js';

const { clientCapture, nodeCapture, serverCapture, truth } = runScenario(scenarioSpec('snat-race'));
const load = (bytes: Uint8Array, name: string) => analyzeCaptureSync(new MemorySource(bytes), name);
const pods = load(clientCapture, 'pods.pcap');
const node = load(nodeCapture!, 'node.pcap');
const server = load(serverCapture, 'server.pcap');

/** The rows' ids of the attempts the truth says lost their first SYN to the race. */
function raceIds(rows: ReadonlyArray<{ attempt: Parameters<typeof truthOf>[1] }>): number[] {
  return rows.filter((row) => truthOf(truth, row.attempt)?.syns[0].fate === 'dropped-at-node').map((row) => row.attempt.id);
}

test('snat-race scenario: the race loses first SYNs of pod-b only, and every connection passes', () => {
  const lost = truth.attempts.filter((a) => a.syns[0].fate === 'dropped-at-node');
  assert.ok(lost.length >= 3);
  assert.ok(lost.every((a) => a.host === 'pod-b' && a.fate === 'established' && a.syns.length === 2));
  assert.ok(truth.attempts.every((a) => a.fate === 'established'));
});

test('snat-race: with the node\'s uplink, the slow connects are dropped-at-node with the race\'s signature, exactly those of the truth', () => {
  const result = correlatePath([{ name: 'pods.pcap', capture: pods }, { name: 'node.pcap', capture: node }, { name: 'server.pcap', capture: server }], null, 'en');
  assert.deepEqual(result.order.order, [0, 1, 2]);
  assert.equal(result.rows.length, truth.attempts.length);
  const expected = raceIds(result.rows);
  const slow = result.correlation.diagnoses.find((d) => d.code === 'slow-connect')!;
  assert.deepEqual(slow.handshakeIds, expected);
  const group = slow.evidence.find((e) => e.values.group === 'dropped-at-node');
  assert.deepEqual(group?.handshakeIds, expected);
  const race = slow.evidence.find((e) => e.values.snatRaceAttempts !== undefined);
  assert.deepEqual(race?.handshakeIds, expected);
  assert.equal(race?.values.natPortChanged, expected.length);
  const hop = slow.evidence.find((e) => e.values.lastSeenCapture === 'pods.pcap' && e.values.missingCapture === 'node.pcap');
  assert.deepEqual(hop?.handshakeIds, expected);
  // Nothing failed: no cause on any row.
  assert.ok(result.rows.every((row) => result.findings.get(row.attempt.id)?.cause == null));
});

test('snat-race: without the node\'s capture the same first SYNs are only lost before the server, with no race named', () => {
  const result = correlatePath([{ name: 'pods.pcap', capture: pods }, { name: 'server.pcap', capture: server }], null, 'en');
  const slow = result.correlation.diagnoses.find((d) => d.code === 'slow-connect')!;
  const expected = raceIds(result.rows);
  assert.deepEqual(slow.evidence.find((e) => e.values.group === 'lost-before-server')?.handshakeIds, expected);
  assert.ok(!slow.evidence.some((e) => e.values.group === 'dropped-at-node' || e.values.snatRaceAttempts !== undefined));
});
