/**
 * test/fixtures/real/synack-drop/ (tools/realcapture/synack-drop.sh): a router namespace between the node
 * and the server drops the first four SYN-ACKs to client ports 61100 and 61101, and all to 61102; it
 * drops the SYNs from 61103. What the clients saw is in truth.json: 61100 gave up and reset the SYN-ACK
 * that came later, 61101 completed once one got through, 61102 timed out, 61103 gave up.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { assertAttemptsMatchSockets, assertCauses, correlate, noPawsBlameTests, recording, type SocketTruth } from './realRecording.js';

const rec = recording('synack-drop');
const { truth } = rec;
const CLIENT_SIDES = ['pod-a.pcap', 'pod-b.pcap', 'node-side.pcap'];
const port = (c: SocketTruth): number => Number(c.local.split(':')[1]);
const byPort = (p: number): SocketTruth => truth.connections.find((c) => port(c) === p)!;

test('synack-drop recording: what each chosen connection saw', () => {
  const [gaveUp, patient, timedOut, synsLost] = [byPort(61100), byPort(61101), byPort(61102), byPort(61103)];
  assert.equal(gaveUp.connect, 'gave-up');
  // The SYN-ACK that got through after the application gave up, and the client kernel's RST to it.
  assert.ok(gaveUp.synsSeen['node-side.pcap'].synAcks >= 1 && gaveUp.synsSeen['node-side.pcap'].clientResets >= 1);
  assert.ok(gaveUp.synsSeen['server-side.pcap'].synAcks > gaveUp.synsSeen['node-side.pcap'].synAcks);
  assert.equal(patient.connect, 'ok');
  assert.ok(patient.tcpInfo!.totalRetrans > 0);
  assert.ok(patient.synsSeen['server-side.pcap'].synAcks > patient.synsSeen['node-side.pcap'].synAcks);
  assert.equal(timedOut.connect, 'ETIMEDOUT');
  assert.equal(timedOut.synsSeen['node-side.pcap'].synAcks, 0);
  assert.ok(timedOut.synsSeen['server-side.pcap'].synAcks > 0);
  assert.equal(synsLost.connect, 'gave-up');
  assert.ok(synsLost.synsSeen['node-side.pcap'].transmissions > 1);
  assert.equal(synsLost.synsSeen['server-side.pcap'].transmissions, 0);
});

test('synack-drop: every attempt in every capture has the verdict and outcome of its socket', () => {
  for (const capture of truth.captures) assertAttemptsMatchSockets(rec, capture, rec.load(capture).handshakes);
});

test('synack-drop: SYN-ACKs that never reached the client are reply-lost', () => {
  for (const side of CLIENT_SIDES) {
    const { client, result } = correlate(rec, side, 'server-side.pcap');
    assertCauses(rec, client.handshakes.filter((a) => connectionIs(a.client.port, 61102, side)), () => 'reply-lost', result.findings);
  }
});

test('synack-drop: SYNs the router dropped are lost before the server', () => {
  for (const side of ['pod-b.pcap', 'node-side.pcap']) {
    const { client, result } = correlate(rec, side, 'server-side.pcap');
    const lost = client.handshakes.filter((a) => connectionIs(a.client.port, 61103, side));
    assert.equal(lost.length, 1, side);
    assertCauses(rec, lost, () => 'lost-before-server', result.findings);
  }
});

test('synack-drop: the client that gave up before the late SYN-ACK: its reply was lost while it waited', () => {
  for (const side of ['pod-a.pcap', 'node-side.pcap']) {
    const { client, result } = correlate(rec, side, 'server-side.pcap');
    assertCauses(rec, client.handshakes.filter((a) => connectionIs(a.client.port, 61100, side)), () => 'reply-lost', result.findings);
  }
});

test('synack-drop: no other attempt gets a cause', () => {
  for (const side of CLIENT_SIDES) {
    const { client, result } = correlate(rec, side, 'server-side.pcap');
    const chosen = (port: number): boolean => [61100, 61102, 61103].some((p) => connectionIs(port, p, side));
    assertCauses(rec, client.handshakes.filter((a) => !chosen(a.client.port)), () => null, result.findings);
  }
});

noPawsBlameTests(rec, CLIENT_SIDES, 'server-side.pcap');

/** MASQUERADE kept the chosen source ports, so the client port names the connection on both sides of the node. */
function connectionIs(clientPort: number, chosen: number, side: string): boolean {
  return clientPort === chosen && byPort(chosen).synsSeen[side].transmissions > 0;
}
