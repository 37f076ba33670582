/**
 * Who sent a reset, from real recordings: a router's REJECT --reject-with tcp-reset in front of a server
 * that listens, against the server's own refusal of a closed port.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { analyzeCaptureSync } from '../../src/analyzer/analyze.js';
import { MemorySource } from '../../src/analyzer/capture/memorySource.js';
import { correlateCaptures } from '../../src/analyzer/correlation/correlateCaptures.js';
import { diagnoseSingle } from '../../src/analyzer/diagnosis/diagnoseSingle.js';
import { resetOrigin, synAckTtlsByServer } from '../../src/analyzer/diagnosis/resetOrigin.js';

const REAL = join(__dirname, '..', 'fixtures', 'real');
const load = (path: string) => analyzeCaptureSync(new MemorySource(readFileSync(join(REAL, path))), path);
const causes = (findings: ReadonlyMap<number, { cause: string | null; confidence: string | null }>) =>
  [...findings.values()].filter((f) => f.cause !== null).map((f) => `${f.cause}/${f.confidence}`).sort();

test('the router\'s resets arrive one hop closer than the server\'s SYN-ACKs, and are named so from the client capture alone', () => {
  const pod = load('router-reset/pod-a.pcap');
  const ttls = synAckTtlsByServer(pod.handshakes);
  const reset = pod.handshakes.filter((a) => a.rst?.from === 'server');
  assert.ok(reset.length > 0);
  for (const attempt of reset) {
    assert.equal(resetOrigin(attempt, ttls), 'elsewhere');
    assert.ok(!ttls.get(attempt.server.address)!.has(attempt.rst!.ttl!), `TTL ${attempt.rst!.ttl}`);
  }
  const alone = diagnoseSingle(pod, 'client', 'en');
  assert.deepEqual(causes(alone.findings), reset.map(() => 'reset-by-middlebox/medium'));
  assert.ok(alone.diagnoses.some((d) => d.code === 'reset-by-middlebox' && d.severity === 'error'));
});

test('with the server capture, which never saw those SYNs, the middlebox is certain', () => {
  const pod = load('router-reset/pod-a.pcap');
  const result = correlateCaptures(pod, load('router-reset/server-side.pcap'), 'en');
  const reset = pod.handshakes.filter((a) => a.rst?.from === 'server');
  for (const attempt of reset) assert.deepEqual(result.findings.get(attempt.id)?.cause, 'reset-by-middlebox');
  const diagnosis = result.diagnoses.find((d) => d.code === 'reset-by-middlebox');
  assert.ok(diagnosis);
  assert.match(diagnosis.explanation, /the server did not send it/);
});

test('negative: the server\'s own reset of a closed port stays refused, alone and correlated', () => {
  const node = load('node-side.pcap');
  const refusedIds = node.handshakes.filter((a) => a.rst?.from === 'server').map((a) => a.id);
  assert.ok(refusedIds.length > 0);
  const ttls = synAckTtlsByServer(node.handshakes);
  for (const id of refusedIds) assert.equal(resetOrigin(node.handshakes.find((a) => a.id === id)!, ttls), 'server');
  const alone = diagnoseSingle(node, 'client', 'en');
  for (const id of refusedIds) assert.equal(alone.findings.get(id)?.cause, 'refused');
  const paired = correlateCaptures(node, load('server-side.pcap'), 'en');
  for (const id of refusedIds) assert.deepEqual([paired.findings.get(id)?.cause, paired.findings.get(id)?.confidence], ['refused', 'high']);
  assert.equal(paired.diagnoses.some((d) => d.code === 'reset-by-middlebox'), false);
});
