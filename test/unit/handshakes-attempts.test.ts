import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TcpFlag } from '../../src/analyzer/layers/tcpPacket.js';
import { Conversation, track } from './handshakeScript.js';

const T = 1_700_000_000;
const pod = new Conversation('10.244.1.7:40000', '192.168.11.250:3306');

test('a new ISN on the same four-tuple is a new attempt (port reuse)', () => {
  const { handshakes } = track([
    pod.syn(T, 1000), pod.synAck(T + 0.001, 5000, 1000), pod.ack(T + 0.002, 1000, 5000),
    pod.clientFin(T + 1, 1000, 5000), pod.serverFin(T + 1.001, 5000, 1000),
    pod.syn(T + 70, 2_000_000), pod.refuse(T + 70.001, 2_000_000),
  ], T + 100);
  assert.equal(handshakes.length, 2);
  assert.deepEqual(handshakes.map((h) => [h.id, h.isn, h.outcome]), [[1, 1000, 'established'], [2, 2_000_000, 'refused']]);
  assert.equal(handshakes[1].rst?.from, 'server');
  assert.equal(handshakes[0].rst, null);
});

test('SYN retransmissions with the same ISN belong to one attempt', () => {
  const { handshakes } = track([
    pod.syn(T, 42, { tsval: 1 }), pod.syn(T + 1, 42, { tsval: 1001 }),
    pod.synAck(T + 1.01, 77, 42, { tsval: 5, tsecr: 1001 }), pod.ack(T + 1.0101, 42, 77),
  ]);
  assert.equal(handshakes.length, 1);
  assert.equal(handshakes[0].syns.length, 2);
  assert.equal(handshakes[0].outcome, 'established');
  // The SYN-ACK echoes the second SYN's TSval: the RTT is measured from that one.
  assert.ok(Math.abs(handshakes[0].rttMs! - 10) < 1e-3);
});

test('the same SYN captured twice (-i any) is not a retransmission', () => {
  const { handshakes } = track([pod.syn(T, 42, { tsval: 1 }), pod.syn(T + 0.000004, 42, { tsval: 1 })], T + 10);
  assert.equal(handshakes[0].syns.length, 1);
});

test('SYNs with different payloads are different transmissions, however close together', () => {
  // tcpdump's bgp-shutdown-msg-variations.pcap: three SYNs with ISN 0 and no timestamps within 2 ms.
  const { handshakes } = track([pod.syn(T, 0, { data: 41 }), pod.syn(T + 0.0012, 0, { data: 22 }), pod.syn(T + 0.0022, 0, { data: 32 })], T + 10);
  assert.equal(handshakes.length, 1);
  assert.equal(handshakes[0].syns.length, 3);
});

test('duplicate SYN-ACKs are counted once', () => {
  const { handshakes } = track([pod.syn(T, 42), pod.synAck(T + 0.01, 7, 42), pod.synAck(T + 0.010003, 7, 42), pod.ack(T + 0.011, 42, 7)]);
  assert.equal(handshakes[0].synAck?.count, 1);
});

test('a SYN-ACK written before its SYN (two interfaces merged) still pairs up', () => {
  const { handshakes, midstream } = track([
    pod.synAck(T + 0.003, 7, 42), pod.ack(T + 0.0031, 42, 7), pod.syn(T, 42),
  ]);
  assert.equal(midstream, 0);
  assert.equal(handshakes.length, 1);
  assert.equal(handshakes[0].outcome, 'established');
  assert.ok(Math.abs(handshakes[0].rttMs! - 3) < 1e-3);
});

test('an RST written before its SYN is still a refusal', () => {
  const { handshakes } = track([pod.refuse(T + 0.001, 42), pod.syn(T, 42)], T + 60);
  assert.equal(handshakes[0].outcome, 'refused');
});

test('a SYN-ACK for a reused port written before the new SYN goes to the new attempt', () => {
  const { handshakes } = track([
    pod.syn(T, 1000), pod.synAck(T + 0.001, 5000, 1000), pod.ack(T + 0.002, 1000, 5000), pod.fromServer(T + 0.003, TcpFlag.PSH | TcpFlag.ACK, 5001, 1001, { data: 78 }),
    pod.synAck(T + 61.001, 6000, 3000), pod.syn(T + 61, 3000), pod.ack(T + 61.002, 3000, 6000),
  ]);
  assert.deepEqual(handshakes.map((h) => [h.isn, h.synAck?.isn, h.outcome]), [[1000, 5000, 'established'], [3000, 6000, 'established']]);
});

test('ids follow the first SYN time, not the file order', () => {
  const other = new Conversation('10.244.1.8:40001', '192.168.11.250:3306');
  const { handshakes } = track([other.syn(T + 0.5, 9), pod.syn(T, 1)], T + 60);
  assert.deepEqual(handshakes.map((h) => [h.id, h.client.address]), [[1, '10.244.1.7'], [2, '10.244.1.8']]);
});

test('IPv6 attempts are tracked with their addresses', () => {
  const v6 = new Conversation('[2001:db8::7]:50000', '[2001:db8::1]:443');
  const { handshakes } = track([v6.syn(T, 5, { ttl: 63 }), v6.synAck(T + 0.02, 8, 5), v6.ack(T + 0.0201, 5, 8)]);
  assert.equal(handshakes[0].ipVersion, 6);
  assert.deepEqual(handshakes[0].client, { address: '2001:db8::7', port: 50000 });
  assert.equal(handshakes[0].ttl, 63);
  assert.equal(handshakes[0].outcome, 'established');
});

test('sequence numbers wrap: an ISN of 2^32 − 1 is acknowledged with 0', () => {
  const isn = 0xffffffff;
  const { handshakes } = track([
    pod.syn(T, isn), pod.synAck(T + 0.001, 0xfffffffe, isn), pod.ack(T + 0.002, isn, 0xfffffffe, { data: 5 }),
    pod.clientFin(T + 1, isn, 0xfffffffe),
  ]);
  assert.equal(handshakes[0].outcome, 'established');
  assert.equal(handshakes[0].synAck?.isn, 0xfffffffe);
  assert.equal(handshakes[0].teardown.firstFin, 'client');
});

test('many attempts between the same hosts stay separate', () => {
  const steps = [];
  for (let port = 1024; port < 3024; port++) {
    const conversation = new Conversation(`10.0.${port >> 8}.${port & 255}:${port}`, '10.9.9.9:80');
    steps.push(conversation.syn(T + port / 1000, port), conversation.synAck(T + port / 1000 + 0.0001, port * 3, port));
  }
  const { handshakes } = track(steps, T + 100);
  assert.equal(handshakes.length, 2000);
  assert.ok(handshakes.every((h) => h.synAck?.isn === h.isn * 3 && h.outcome === 'no-ack'));
});
