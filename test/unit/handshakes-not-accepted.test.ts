/**
 * not-accepted: the handshake completed at the client, and the server never took the connection
 * (verdict.ts notAccepted). The signs, each with the case that must stay established.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TcpFlag } from '../../src/analyzer/layers/tcpPacket.js';
import { Conversation, track } from './handshakeScript.js';

const T = 1_700_000_000;
const web = new Conversation('10.244.1.7:51234', '192.168.11.250:8080');
const mysql = new Conversation('10.244.1.7:51236', '192.168.11.250:3306');
const PSH_ACK = TcpFlag.PSH | TcpFlag.ACK;

function outcome(steps: Parameters<typeof track>[0], captureEnd?: number): [string, string] {
  const [handshake] = track(steps, captureEnd).handshakes;
  return [handshake.verdict, handshake.outcome];
}

const handshake = (c: Conversation) => [c.syn(T, 1000), c.synAck(T + 0.001, 5000, 1000), c.ack(T + 0.0011, 1000, 5000)];

test('the client\'s request never acknowledged while the capture ran 3 s on: not-accepted, a failure', () => {
  const request = web.fromClient(T + 0.002, PSH_ACK, 1001, 5001, { data: 120 });
  assert.deepEqual(outcome([...handshake(web), request], T + 3.5), ['fail', 'not-accepted']);
});

test('the same request with less than 3 s of capture after it: not enough to say, established', () => {
  const request = web.fromClient(T + 0.002, PSH_ACK, 1001, 5001, { data: 120 });
  assert.deepEqual(outcome([...handshake(web), request], T + 2.9), ['pass', 'established']);
});

test('a server that acknowledges the request (without answering yet) has the connection: established', () => {
  const request = web.fromClient(T + 0.002, PSH_ACK, 1001, 5001, { data: 120 });
  const acked = web.fromServer(T + 0.003, TcpFlag.ACK, 5001, 1121);
  assert.deepEqual(outcome([...handshake(web), request, acked], T + 10), ['pass', 'established']);
});

test('an acknowledgement of the SYN only is not one of the request', () => {
  const request = web.fromClient(T + 0.002, PSH_ACK, 1001, 5001, { data: 120 });
  const synOnly = web.fromServer(T + 0.003, TcpFlag.ACK, 5001, 1001);
  assert.deepEqual(outcome([...handshake(web), request, synOnly], T + 10), ['fail', 'not-accepted']);
});

test('the SYN-ACK again after the client\'s ACK, nothing acknowledged: the final ACK was dropped (tcp_check_req)', () => {
  const again = web.synAck(T + 1.001, 5000, 1000);
  const reAck = web.ack(T + 1.0011, 1000, 5000);
  assert.deepEqual(outcome([...handshake(web), again, reAck], T + 3.5), ['fail', 'not-accepted']);
});

test('client and server both silent after the handshake on a client-speaks-first port (an idle keep-alive): established', () => {
  assert.deepEqual(outcome(handshake(web), T + 60), ['pass', 'established']);
});

test('a server that speaks first and never greets in 3 s: not-accepted, even if its kernel acknowledges the client\'s FIN', () => {
  const fin = mysql.clientFin(T + 4, 1000, 5000);
  const finAcked = mysql.fromServer(T + 4.001, TcpFlag.ACK, 5001, 1002);
  assert.deepEqual(outcome([...handshake(mysql), fin, finAcked], T + 5), ['fail', 'not-accepted']);
});

test('a server that speaks first and greets: established; one whose client left within 3 s: not enough to say', () => {
  const greeting = mysql.fromServer(T + 0.002, PSH_ACK, 5001, 1001, { data: 78 });
  assert.deepEqual(outcome([...handshake(mysql), greeting], T + 60), ['pass', 'established']);
  const earlyFin = mysql.clientFin(T + 2, 1000, 5000);
  const finAcked = mysql.fromServer(T + 2.001, TcpFlag.ACK, 5001, 1002);
  assert.deepEqual(outcome([...handshake(mysql), earlyFin, finAcked], T + 60), ['pass', 'established']);
});

test('a server that resets the completed connection took it: established, as before', () => {
  const reset = web.fromServer(T + 0.5, TcpFlag.RST, 5001, 0);
  assert.deepEqual(outcome([...handshake(web), reset], T + 10), ['pass', 'established']);
});
