/**
 * test/fixtures/real/accept-overflow/ (tools/realcapture/accept-overflow.sh): listen(1), SYN cookies off,
 * a slow application that hangs after four accept() calls, bursts from both pods behind the
 * masquerading node. The kernel drops SYNs while the accept queue is full (tcp_conn_request) and drops
 * final ACKs that meet a full queue (tcp_v4_syn_recv_sock), resending its SYN-ACK.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
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

// pod-a's drops (and so the node's, which holds both pods) are read as PAWS today: see the views below.
for (const side of CLIENT_SIDES) {
  test(`accept-overflow: SYNs dropped by the full queue are located at the server (${side})`, () => {
    const { client, result } = correlate(rec, side, 'server-side.pcap');
    assertCauses(rec, client.handshakes, (c) => (failed(c) ? 'dropped-at-server' : null), result.findings);
  });
}

// The SYNs of a full queue go unanswered while others from the same NAT address are answered, which the
// tcp_tw_recycle replay reads as PAWS drops.
noPawsBlameTests(rec, CLIENT_SIDES, 'server-side.pcap');

test('accept-overflow: the drops are named a listen queue overflow, and the connections never accepted as such', { todo: 'no listen-overflow or not-accepted cause yet: the drops are dropped-at-server (told apart from a firewall only by ListenOverflows in the nstat files and by SYN-ACKs resent after the client ACK), and the connections never accepted pass with no cause' }, () => {
  const { client, result } = correlate(rec, 'node-side.pcap', 'server-side.pcap');
  assertCauses(rec, client.handshakes, (c) => (failed(c) ? 'listen-overflow' : notAccepted(c) ? 'not-accepted' : null), result.findings);
});
