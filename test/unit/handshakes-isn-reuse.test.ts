/** The same ISN on a four-tuple again: a retransmission while the attempt is alive, a new attempt once it is over. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Conversation, track } from './handshakeScript.js';

const T = 1_700_000_000;
const pod = new Conversation('10.244.1.7:40000', '192.168.11.250:3306');

test('a SYN with the ISN of a connection closed minutes before is a new attempt', () => {
  const { handshakes } = track([
    pod.syn(T, 42, { tsval: 10 }), pod.synAck(T + 0.001, 500, 42), pod.ack(T + 0.002, 42, 500),
    pod.clientFin(T + 1, 42, 500), pod.serverFin(T + 1.001, 500, 42, { answersFin: true }),
    pod.syn(T + 300, 42, { tsval: 300_010 }),
  ], T + 330);
  assert.deepEqual(handshakes.map((h) => [h.isn, h.syns.length, h.outcome]), [[42, 1, 'established'], [42, 1, 'no-reply']]);
  assert.equal(handshakes[1].synTime, T + 300);
});

test('a SYN with the ISN of a reset connection, after the reset, is a new attempt; its answers go to it', () => {
  const { handshakes } = track([
    pod.syn(T, 42), pod.synAck(T + 0.001, 500, 42), pod.ack(T + 0.002, 42, 500), pod.clientReset(T + 2, 42),
    pod.syn(T + 5, 42), pod.synAck(T + 5.001, 900, 42), pod.ack(T + 5.002, 42, 900),
  ]);
  assert.deepEqual(handshakes.map((h) => [h.synTime, h.synAck?.isn, h.rst?.from ?? null, h.outcome]), [[T, 500, 'client', 'established'], [T + 5, 900, null, 'established']]);
});

test('a SYN with the ISN of an attempt silent for longer than any SYN retransmission gap is a new attempt', () => {
  const { handshakes } = track([pod.syn(T, 42), pod.syn(T + 1, 42), pod.syn(T + 3, 42), pod.syn(T + 200, 42)], T + 230);
  assert.deepEqual(handshakes.map((h) => [h.synTime, h.syns.length]), [[T, 3], [T + 200, 1]]);
});

test('retransmissions up to TCP_RTO_MAX apart stay one attempt, and so do SYNs retried after a refusal', () => {
  // Linux's doubling backoff (tcp_syn_retries = 6), then a client whose RTO has reached 120 s.
  const backoff = [0, 1, 3, 7, 15, 31, 63, 183].map((at) => pod.syn(T + at, 42));
  assert.deepEqual(track(backoff, T + 200).handshakes.map((h) => h.syns.length), [8]);
  // Windows sends the SYN again after a RST; the attempt did not complete, so it is not over.
  const retried = track([pod.syn(T, 42), pod.refuse(T + 0.001, 42), pod.syn(T + 0.5, 42), pod.refuse(T + 0.501, 42)], T + 30);
  assert.deepEqual(retried.handshakes.map((h) => [h.syns.length, h.outcome]), [[2, 'refused']]);
});
