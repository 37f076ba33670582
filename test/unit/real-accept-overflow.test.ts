/**
 * test/fixtures/real/accept-overflow/ (tools/realcapture/accept-overflow.sh): listen(1), SYN cookies off,
 * a slow application that hangs after four accept() calls, bursts from both pods behind the
 * masquerading node. The kernel drops SYNs while the accept queue is full (tcp_conn_request) and drops
 * final ACKs that meet a full queue (tcp_v4_syn_recv_sock), resending its SYN-ACK.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { diagnoseSingle } from '../../src/analyzer/diagnosis/diagnoseSingle.js';
import { assertAttemptsMatchSockets, assertCauses, correlate, noPawsBlameTests, recording, type SocketTruth } from './realRecording.js';

const rec = recording('accept-overflow');
const { truth } = rec;
const CLIENT_SIDES = ['pod-a.pcap', 'pod-b.pcap', 'node-side.pcap'];
const failed = (c: SocketTruth): boolean => c.connect !== 'ok';
const notAccepted = (c: SocketTruth): boolean => c.connect === 'ok' && !c.serverAccepted;

test('accept-overflow recording: the kernel overflowed the accept queue, and the truth has every kind of connection', () => {
  assert.ok(truth.serverCounters.TcpExtListenOverflows > 0, 'ListenOverflows moved');
  assert.equal(truth.serverCounters.TcpExtSyncookiesSent ?? 0, 0);
  assert.ok(truth.connections.some(failed), 'connections whose SYNs were all dropped');
  assert.ok(truth.connections.some(notAccepted), 'connections complete at the client, never accepted');
  assert.ok(truth.connections.some((c) => c.connect === 'ok' && c.serverAccepted && c.greeted));
  // The ACK-drop signature: a SYN-ACK resent after the client had acknowledged one.
  assert.ok(truth.connections.some((c) => notAccepted(c) && c.synsSeen['server-side.pcap'].synAcks > 1));
});

test('accept-overflow: every attempt in every capture has the verdict and outcome of its socket', () => {
  for (const capture of truth.captures) assertAttemptsMatchSockets(rec, capture, rec.load(capture).handshakes);
});

// The server capture shows SYNs left unanswered while handshakes it never accepted were pending: a full
// listen queue (diagnosis/listenOverflow.ts), for the drops and for the connections never accepted, from
// every client capture correlated with it and from the server capture alone.
for (const side of CLIENT_SIDES) {
  test(`accept-overflow: the drops and the connections never accepted are named a listen queue overflow (${side})`, () => {
    const { client, result } = correlate(rec, side, 'server-side.pcap');
    assertCauses(rec, client.handshakes, (c) => (failed(c) || notAccepted(c) ? 'listen-overflow' : null), result.findings);
    const overflow = result.diagnoses.find((d) => d.code === 'listen-overflow');
    assert.ok(overflow, 'listen-overflow diagnosis');
    assert.equal(overflow.severity, 'error');
  });
}

test('accept-overflow: the server capture alone names the overflow, in a burst (high)', () => {
  const server = rec.load('server-side.pcap');
  const { findings, diagnoses } = diagnoseSingle(server, 'server', 'en');
  assertCauses(rec, server.handshakes, (c) => (failed(c) || notAccepted(c) ? 'listen-overflow' : null), findings);
  const overflow = diagnoses.find((d) => d.code === 'listen-overflow');
  assert.equal(overflow?.confidence, 'high');
  const values = overflow.evidence.find((e) => 'mostPending' in e.values)?.values;
  assert.deepEqual(values, { server: '10.231.2.2:3306', drops: truth.connections.filter(failed).length, notAccepted: truth.connections.filter(notAccepted).length, mostPending: 3 });
});

// The SYNs of a full queue go unanswered while others from the same NAT address are answered, which the
// tcp_tw_recycle replay reads as PAWS drops.
noPawsBlameTests(rec, CLIENT_SIDES, 'server-side.pcap');
