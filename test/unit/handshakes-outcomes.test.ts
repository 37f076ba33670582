import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Conversation, track } from './handshakeScript.js';

const T = 1_700_000_000;
const mysql = new Conversation('10.244.1.7:51234', '192.168.11.250:3306');

test('SYN, SYN-ACK, ACK is established and passes', () => {
  const { handshakes } = track([mysql.syn(T, 1000), mysql.synAck(T + 0.002, 5000, 1000), mysql.ack(T + 0.0021, 1000, 5000)]);
  assert.equal(handshakes.length, 1);
  const [handshake] = handshakes;
  assert.deepEqual([handshake.verdict, handshake.outcome], ['pass', 'established']);
  assert.equal(handshake.id, 1);
  assert.deepEqual(handshake.client, { address: '10.244.1.7', port: 51234 });
  assert.deepEqual(handshake.server, { address: '192.168.11.250', port: 3306 });
  assert.equal(handshake.isn, 1000);
  assert.equal(handshake.synAck?.isn, 5000);
  assert.equal(handshake.ack?.withData, false);
  assert.ok(Math.abs(handshake.rttMs! - 2) < 1e-3);
});

test('first data instead of a bare third ACK also completes the handshake', () => {
  const { handshakes } = track([mysql.syn(T, 1), mysql.synAck(T + 0.001, 9, 1), mysql.ack(T + 0.0011, 1, 9, { data: 100 })]);
  assert.equal(handshakes[0].outcome, 'established');
  assert.equal(handshakes[0].ack?.withData, true);
});

test('RST in answer to the SYN is refused', () => {
  const { handshakes } = track([mysql.syn(T, 1000), mysql.refuse(T + 0.001, 1000)], T + 60);
  assert.deepEqual([handshakes[0].verdict, handshakes[0].outcome], ['fail', 'refused']);
  assert.equal(handshakes[0].rst?.from, 'server');
});

test('retransmitted SYNs with nothing back are no-reply', () => {
  const { handshakes } = track([mysql.syn(T, 7, { tsval: 100 }), mysql.syn(T + 1, 7, { tsval: 1100 }), mysql.syn(T + 3, 7, { tsval: 3100 })]);
  assert.deepEqual([handshakes[0].verdict, handshakes[0].outcome], ['fail', 'no-reply']);
  assert.equal(handshakes[0].syns.length, 3);
  assert.deepEqual(handshakes[0].syns.map((syn) => syn.tsval), [100, 1100, 3100]);
});

test('a single SYN long before the end of the capture is no-reply', () => {
  const { handshakes } = track([mysql.syn(T, 7)], T + 3);
  assert.deepEqual([handshakes[0].verdict, handshakes[0].outcome], ['fail', 'no-reply']);
});

test('a single SYN less than 3 s before the capture ends is unknown (capture-ended)', () => {
  const { handshakes } = track([mysql.syn(T, 7)], T + 2.9);
  assert.deepEqual([handshakes[0].verdict, handshakes[0].outcome], ['unknown', 'capture-ended']);
});

test('two SYNs close to the end are still a failure: only a single SYN earns the benefit of the doubt', () => {
  const { handshakes } = track([mysql.syn(T, 7, { tsval: 1 }), mysql.syn(T + 1, 7, { tsval: 1001 })], T + 1.5);
  assert.equal(handshakes[0].outcome, 'no-reply');
});

test('a SYN-ACK never acknowledged is no-ack, and a repeated SYN-ACK is counted', () => {
  const { handshakes } = track([
    mysql.syn(T, 1, { tsval: 10 }),
    mysql.synAck(T + 0.001, 50, 1, { tsval: 900, tsecr: 10 }),
    mysql.synAck(T + 1.001, 50, 1, { tsval: 1900, tsecr: 10 }),
  ], T + 30);
  assert.deepEqual([handshakes[0].verdict, handshakes[0].outcome], ['fail', 'no-ack']);
  assert.equal(handshakes[0].synAck?.count, 2);
});

test('the client resetting before completion is reset-by-client', () => {
  const { handshakes } = track([mysql.syn(T, 1), mysql.clientReset(T + 0.5, 1)], T + 30);
  assert.deepEqual([handshakes[0].verdict, handshakes[0].outcome], ['fail', 'reset-by-client']);
  assert.equal(handshakes[0].rst?.from, 'client');
});

test('a server RST after its own SYN-ACK without the final ACK is no-ack', () => {
  const { handshakes } = track([mysql.syn(T, 1), mysql.synAck(T + 0.001, 50, 1), mysql.refuse(T + 5, 1)], T + 30);
  assert.equal(handshakes[0].outcome, 'no-ack');
});

test('a connection whose SYN is not in the capture is midstream, not a row', () => {
  const { handshakes, midstream } = track([mysql.ack(T, 1, 50, { data: 10 }), mysql.serverFin(T + 1, 900, 11)]);
  assert.equal(handshakes.length, 0);
  assert.equal(midstream, 1);
});
