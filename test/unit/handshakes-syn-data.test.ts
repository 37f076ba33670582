/** SYNs that carry data (TCP Fast Open, RFC 7413): the SYN-ACK may acknowledge the data too. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TcpFlag } from '../../src/analyzer/layers/tcpPacket.js';
import { Conversation, track } from './handshakeScript.js';

const T = 1_700_000_000;
const pod = new Conversation('10.244.1.7:40000', '192.168.11.250:443');
const SYN_ACK = TcpFlag.SYN | TcpFlag.ACK;

test('a SYN-ACK that acknowledges the SYN\'s data answers it', () => {
  const { handshakes } = track([
    pod.syn(T, 1000, { data: 200 }),
    pod.fromServer(T + 0.01, SYN_ACK, 7000, 1201),
    pod.fromClient(T + 0.0101, TcpFlag.ACK, 1201, 7001),
  ]);
  assert.equal(handshakes.length, 1);
  assert.deepEqual([handshakes[0].synAck?.frame, handshakes[0].ack?.frame, handshakes[0].verdict, handshakes[0].outcome], [1, 2, 'pass', 'established']);
});

test('a SYN-ACK that ignores the SYN\'s data (acknowledges ISN + 1) answers it too, and the data is sent again', () => {
  const { handshakes } = track([
    pod.syn(T, 1000, { data: 200 }),
    pod.fromServer(T + 0.01, SYN_ACK, 7000, 1001),
    pod.fromClient(T + 0.0101, TcpFlag.ACK | TcpFlag.PSH, 1001, 7001, { data: 200 }),
  ]);
  assert.deepEqual([handshakes[0].synAck?.frame, handshakes[0].outcome], [1, 'established']);
});

test('a retransmitted SYN with more data widens what the SYN-ACK may acknowledge', () => {
  const { handshakes } = track([
    pod.syn(T, 1000, { data: 0 }), pod.syn(T + 1, 1000, { data: 50 }),
    pod.fromServer(T + 1.01, SYN_ACK, 7000, 1051), pod.fromClient(T + 1.0101, TcpFlag.ACK, 1051, 7001),
  ]);
  assert.deepEqual([handshakes[0].synAck?.frame, handshakes[0].outcome], [2, 'established']);
});

test('a SYN-ACK acknowledging past the SYN\'s data, or any data of a SYN without, answers nothing', () => {
  const beyond = track([pod.syn(T, 1000, { data: 200 }), pod.fromServer(T + 0.01, SYN_ACK, 7000, 1202)], T + 30);
  assert.deepEqual([beyond.handshakes[0].synAck, beyond.handshakes[0].outcome], [null, 'no-reply']);
  const noData = track([pod.syn(T, 1000), pod.fromServer(T + 0.01, SYN_ACK, 7000, 1002)], T + 30);
  assert.deepEqual([noData.handshakes[0].synAck, noData.handshakes[0].outcome], [null, 'no-reply']);
});
