/**
 * test/fixtures/real/node-any/ (tools/realcapture/node-any.sh): the node captured with `tcpdump -i any`
 * (Linux cooked capture v2): each packet once per interface it crossed, the pod's veth and the bridge
 * before NAT and eth0 after it, so up to three copies of one connection under two addresses.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { assertAttemptsMatchSockets, assertCauses, correlate, expectedOutcome, noPawsBlameTests, recording, type SocketTruth } from './realRecording.js';

const rec = recording('node-any');
const { truth } = rec;
const expectedCause = (c: SocketTruth): string | null => (c.connect === 'ok' ? null : c.connect === 'ECONNREFUSED' ? 'refused' : 'dropped-at-server');

test('node-any recording: three copies of every SYN in the -i any capture', () => {
  for (const c of truth.connections) {
    assert.equal(c.synsSeen['node-any.pcap'].transmissions, 3 * c.synsSeen['server-side.pcap'].transmissions, c.local);
  }
});

test('node-any: the pod and server captures have the verdict and outcome of each socket', () => {
  for (const capture of ['pod-a.pcap', 'server-side.pcap']) assertAttemptsMatchSockets(rec, capture, rec.load(capture).handshakes);
});

test('node-any: the -i any capture gives every copy of a connection the outcome of its socket', () => {
  const attempts = rec.load('node-any.pcap').handshakes;
  for (const c of truth.connections) {
    const mine = attempts.filter((a) => a.isn === c.isn);
    assert.ok(mine.length > 0, c.local);
    const expected = expectedOutcome(c, 'node-any.pcap');
    for (const attempt of mine) assert.deepEqual({ verdict: attempt.verdict, outcome: attempt.outcome }, expected, `${c.local} attempt ${attempt.id}`);
  }
});

test('node-any: one attempt per connection, with its own SYN count and the after-NAT view', () => {
  const attempts = rec.load('node-any.pcap').handshakes;
  assert.equal(attempts.length, truth.connections.length);
  for (const c of truth.connections) {
    const mine = attempts.filter((a) => a.isn === c.isn);
    assert.equal(mine.length, 1, `${c.local}: one row`);
    const [attempt] = mine;
    // The row is the pod's endpoint, seen first; the node's address after MASQUERADE is its NAT view.
    assert.equal(`${attempt.client.address}:${attempt.client.port}`, c.local);
    assert.deepEqual(attempt.natViews?.map((view) => view.client), [c.synsSeen['server-side.pcap'].from], c.local);
    // Each of the socket's SYNs once, though the capture holds three copies of each (veth, bridge, eth0).
    assert.equal(attempt.syns.length, c.synsSeen['server-side.pcap'].transmissions, `${c.local}: SYN transmissions`);
    assert.equal(attempt.syns.length - 1, c.tcpInfo?.totalRetrans ?? attempt.syns.length - 1, `${c.local}: tcpi_total_retrans`);
    assert.deepEqual({ verdict: attempt.verdict, outcome: attempt.outcome }, expectedOutcome(c, 'node-any.pcap'), c.local);
  }
});

test('node-any: correlated with the server capture, failures are located', () => {
  const { client, result } = correlate(rec, 'pod-a.pcap', 'server-side.pcap');
  assertCauses(rec, client.handshakes, expectedCause, result.findings);
});

test('node-any: the -i any capture correlated with the server capture, failures are located', () => {
  const { client, result } = correlate(rec, 'node-any.pcap', 'server-side.pcap');
  assertCauses(rec, client.handshakes, expectedCause, result.findings);
  assert.equal(client.handshakes.length, truth.connections.length);
  assert.ok(result.offset && Math.abs(result.offset.medianMs) < 5);
});

noPawsBlameTests(rec, ['pod-a.pcap', 'node-any.pcap'], 'server-side.pcap');
