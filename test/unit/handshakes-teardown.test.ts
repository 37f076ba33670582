import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Conversation, track } from './handshakeScript.js';
import { summarizeCapture } from '../../src/analyzer/handshakes/summary.js';
import { replayPaws } from '../../src/analyzer/diagnosis/pawsReplay.js';

const T = 1_700_000_000;
const pod = new Conversation('10.244.1.7:40000', '192.168.11.250:3306');

test('a server that closes first is recorded with the last client TSval (what PAWS remembers)', () => {
  const { handshakes } = track([
    pod.syn(T, 1, { tsval: 100 }), pod.synAck(T + 0.001, 9, 1, { tsval: 7, tsecr: 100 }), pod.ack(T + 0.0011, 1, 9, { tsval: 101 }),
    pod.serverFin(T + 2, 9, 1, { tsval: 2007 }), pod.clientFin(T + 2.0005, 1, 9, { tsval: 2101 }),
  ]);
  assert.deepEqual(handshakes[0].teardown, {
    firstFin: 'server', firstFinTime: T + 2, secondFinTime: T + 2.0005, lastClientTsval: 2101, lastClientTsvalTime: T + 2.0005,
  });
});

test('a client that closes first, and an attempt that never closed', () => {
  const closed = track([pod.syn(T, 1), pod.synAck(T + 0.001, 9, 1), pod.ack(T + 0.002, 1, 9), pod.clientFin(T + 1, 1, 9)]);
  assert.equal(closed.handshakes[0].teardown.firstFin, 'client');
  assert.equal(closed.handshakes[0].teardown.secondFinTime, null);
  assert.equal(closed.handshakes[0].teardown.lastClientTsval, null);
  const open = track([pod.syn(T, 1, { tsval: 5 })], T + 10);
  assert.deepEqual(open.handshakes[0].teardown, { firstFin: null, firstFinTime: null, secondFinTime: null, lastClientTsval: 5, lastClientTsvalTime: T });
});

// A FIN answered at once bears the timestamp of the FIN it answers at the answering end's capture point.
const opened = [pod.syn(T, 1, { tsval: 100 }), pod.synAck(T + 0.001, 9, 1, { tsval: 7, tsecr: 100 }), pod.ack(T + 0.0011, 1, 9, { tsval: 101 })];

test('FINs with one timestamp, captured at the client: the server closed first, whatever the file order', () => {
  const serverFin = pod.serverFin(T + 2, 9, 1, { tsval: 2007 });
  const clientAnswer = pod.clientFin(T + 2, 1, 9, { tsval: 2101, answersFin: true });
  for (const order of [[serverFin, clientAnswer], [clientAnswer, serverFin]]) {
    assert.deepEqual(track([...opened, ...order]).handshakes[0].teardown, {
      firstFin: 'server', firstFinTime: T + 2, secondFinTime: T + 2, lastClientTsval: 2101, lastClientTsvalTime: T + 2,
    });
  }
});

test('FINs with one timestamp, captured at the server: the client closed first, whatever the file order', () => {
  const clientFin = pod.clientFin(T + 2, 1, 9, { tsval: 2101 });
  const serverAnswer = pod.serverFin(T + 2, 9, 1, { tsval: 2007, answersFin: true });
  for (const order of [[clientFin, serverAnswer], [serverAnswer, clientFin]]) {
    assert.equal(track([...opened, ...order]).handshakes[0].teardown.firstFin, 'client');
  }
});

test('FINs with one timestamp that acknowledge neither other (a simultaneous close) keep file order', () => {
  const clientFin = pod.clientFin(T + 2, 1, 9);
  const serverFin = pod.serverFin(T + 2, 9, 1);
  assert.equal(track([...opened, clientFin, serverFin]).handshakes[0].teardown.firstFin, 'client');
  assert.equal(track([...opened, serverFin, clientFin]).handshakes[0].teardown.firstFin, 'server');
});

test('a server close answered at once at the client capture point puts the server in TIME-WAIT for the PAWS replay', () => {
  const { handshakes } = track([...opened, pod.serverFin(T + 2, 9, 1, { tsval: 2007 }), pod.clientFin(T + 2, 1, 9, { tsval: 2101, answersFin: true })]);
  assert.equal(handshakes[0].vantage, 'client');
  assert.equal(replayPaws(handshakes, null).timeWaitEntries, 1);
});

test('a long SYN → SYN-ACK leg and a short SYN-ACK → ACK leg: captured at the client', () => {
  const { handshakes } = track([pod.syn(T, 1), pod.synAck(T + 0.040, 9, 1), pod.ack(T + 0.04005, 1, 9)]);
  assert.equal(handshakes[0].vantage, 'client');
  assert.ok(Math.abs(handshakes[0].ackDelayMs! - 0.05) < 1e-3);
});

test('a short SYN → SYN-ACK leg and a long SYN-ACK → ACK leg: captured at the server', () => {
  const { handshakes } = track([pod.syn(T, 1), pod.synAck(T + 0.00005, 9, 1), pod.ack(T + 0.040, 1, 9)]);
  assert.equal(handshakes[0].vantage, 'server');
});

test('the summary counts verdicts, retransmissions and failures per server', () => {
  const web = new Conversation('10.244.1.7:40001', '10.0.0.80:80');
  const { handshakes, midstream } = track([
    pod.syn(T, 1, { tsval: 1 }), pod.syn(T + 1, 1, { tsval: 1001 }),
    web.syn(T + 2, 5), web.synAck(T + 2.001, 6, 5), web.ack(T + 2.002, 5, 6),
    new Conversation('10.244.1.7:40002', '10.0.0.80:80').syn(T + 9, 8),
  ]);
  const summary = summarizeCapture(handshakes, { packets: 7, tcpPackets: 6, midstream, start: T, end: T + 9 });
  assert.deepEqual(
    { attempts: summary.attempts, passed: summary.passed, failed: summary.failed, unknown: summary.unknown, synRetransmissions: summary.synRetransmissions },
    { attempts: 3, passed: 1, failed: 1, unknown: 1, synRetransmissions: 1 },
  );
  assert.deepEqual(summary.perServer, [
    { server: '192.168.11.250:3306', attempts: 1, failed: 1 },
    { server: '10.0.0.80:80', attempts: 2, failed: 0 },
  ]);
});
