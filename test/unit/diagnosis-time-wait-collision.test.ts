/**
 * time-wait-collision on crafted conversations: the tracker's foreignAck, the cause and the slow-connect
 * group where a socket of the previous connection answered the SYN, and none of them where something
 * else happened (a lost SYN, a SYN-ACK, an ACK of ISN + 1, a refusal, the connection's own ACKs).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TcpFlag } from '../../src/analyzer/layers/tcpPacket.js';
import { diagnoseSingle } from '../../src/analyzer/diagnosis/diagnoseSingle.js';
import type { HandshakeAttempt } from '../../src/analyzer/model.js';
import { Conversation, track, type Step } from './handshakeScript.js';

const T = 1_800_000_000;
const OLD_ISN = 1_000_000;
const OLD_SERVER_ISN = 5_000_000;
/** The new SYN's ISN lies before the old connection's end: the TIME-WAIT socket does not take it. */
const NEW_ISN = 900_000;
const NEW_SERVER_ISN = 7_000_000;
const nat = new Conversation('192.168.0.2:40000', '192.168.11.250:3306');

/** The previous connection on the four-tuple, which the server closes first (it holds TIME-WAIT): client's edge ends at OLD_ISN + 2. */
function previousConnection(): Step[] {
  return [
    nat.syn(T, OLD_ISN), nat.synAck(T + 0.001, OLD_SERVER_ISN, OLD_ISN), nat.ack(T + 0.002, OLD_ISN, OLD_SERVER_ISN),
    nat.serverFin(T + 0.1, OLD_SERVER_ISN, OLD_ISN), nat.clientFin(T + 0.101, OLD_ISN, OLD_SERVER_ISN, { answersFin: true }),
    nat.fromServer(T + 0.102, TcpFlag.ACK, OLD_SERVER_ISN + 2, OLD_ISN + 2),
  ];
}

/** The TIME-WAIT socket's ACK of a new SYN: its own sequence and acknowledgement (tw_snd_nxt, tw_rcv_nxt). */
const timeWaitAck = (time: number): Step => nat.fromServer(time, TcpFlag.ACK, OLD_SERVER_ISN + 2, OLD_ISN + 2);
const clientResetOf = (time: number): Step => nat.fromClient(time, TcpFlag.RST, OLD_ISN + 2, 0);

function newAttempt(attempts: HandshakeAttempt[]): HandshakeAttempt {
  return attempts.find((a) => a.isn === NEW_ISN)!;
}

test('a SYN answered by the TIME-WAIT socket\'s ACK, reset, sent again 10 ms later and answered: established, a slow connect of the collision group', () => {
  const steps = [
    ...previousConnection(),
    nat.syn(T + 2, NEW_ISN), timeWaitAck(T + 2.0001), clientResetOf(T + 2.0002),
    nat.syn(T + 2.01, NEW_ISN), nat.synAck(T + 2.0101, NEW_SERVER_ISN, NEW_ISN), nat.ack(T + 2.0102, NEW_ISN, NEW_SERVER_ISN),
  ];
  const { handshakes } = track(steps, T + 10);
  const old = handshakes.find((a) => a.isn === OLD_ISN)!;
  // The ACK and the reset are the new attempt's, not the old connection's.
  assert.equal(old.rst, null);
  const fresh = newAttempt(handshakes);
  assert.equal(fresh.outcome, 'established');
  assert.equal(fresh.syns.length, 2, 'the SYN 10 ms after the ACK is a retransmission, not a copy');
  assert.deepEqual(fresh.foreignAck, { frame: 7, time: T + 2.0001, ack: OLD_ISN + 2, count: 1, reset: { frame: 8, time: T + 2.0002, ttl: 64, count: 1 } });
  assert.equal(fresh.rst, null);
  const { diagnoses, findings } = diagnoseSingle(handshakes, 'server', 'en');
  const diagnosis = diagnoses.find((d) => d.code === 'time-wait-collision')!;
  assert.equal(diagnosis.severity, 'warning');
  assert.equal(diagnosis.confidence, 'high');
  assert.deepEqual(diagnosis.handshakeIds, [fresh.id]);
  assert.equal(findings.get(fresh.id)?.cause ?? null, null, 'a passed attempt gets no cause');
  const line = diagnosis.evidence[1].values;
  assert.deepEqual(
    [line.synIsn, line.expectedAck, line.ackNumber, line.resets, line.holder, line.previousFirstFin],
    [NEW_ISN, NEW_ISN + 1, OLD_ISN + 2, 1, 'server-time-wait', 'server'],
  );
  assert.ok((line.secondsSinceClose as number) > 1.8 && (line.secondsSinceClose as number) < 2);
  const group = diagnoses.find((d) => d.code === 'slow-connect')!.evidence.find((e) => e.values.group === 'time-wait-collision');
  assert.deepEqual(group?.handshakeIds, [fresh.id]);
});

test('a collision that repeats until the client gives up (tcp_rfc1337=1): reset-by-client, cause time-wait-collision, error', () => {
  const steps = [
    ...previousConnection(),
    nat.syn(T + 2, NEW_ISN), timeWaitAck(T + 2.0001), clientResetOf(T + 2.0002),
    nat.syn(T + 2.01, NEW_ISN),
    nat.syn(T + 3.01, NEW_ISN), timeWaitAck(T + 3.0101), clientResetOf(T + 3.0102),
  ];
  const { handshakes } = track(steps, T + 10);
  const fresh = newAttempt(handshakes);
  assert.deepEqual([fresh.verdict, fresh.outcome, fresh.rst?.from, fresh.foreignAck?.count, fresh.foreignAck?.reset?.count], ['fail', 'reset-by-client', 'client', 2, 2]);
  for (const role of ['server', 'client'] as const) {
    const { diagnoses, findings } = diagnoseSingle(handshakes, role, 'en');
    assert.deepEqual({ cause: findings.get(fresh.id)?.cause, confidence: findings.get(fresh.id)?.confidence }, { cause: 'time-wait-collision', confidence: 'high' }, role);
    assert.equal(diagnoses.find((d) => d.code === 'time-wait-collision')?.severity, 'error', role);
    assert.ok(!diagnoses.some((d) => d.code === 'dropped-at-server' || d.code === 'unlocated' || d.code === 'paws-tw-recycle'), role);
  }
});

test('the ACK alone, without the client\'s reset in the capture: medium', () => {
  const steps = [...previousConnection(), nat.syn(T + 2, NEW_ISN), timeWaitAck(T + 2.0001), nat.syn(T + 3, NEW_ISN), timeWaitAck(T + 3.0001)];
  const { handshakes } = track(steps, T + 10);
  const fresh = newAttempt(handshakes);
  assert.equal(fresh.outcome, 'no-reply');
  const { findings } = diagnoseSingle(handshakes, 'server', 'en');
  assert.deepEqual([findings.get(fresh.id)?.cause, findings.get(fresh.id)?.confidence], ['time-wait-collision', 'medium']);
});

test('a capture before NAT, without the previous connection, still shows the collision and says it cannot show who held it', () => {
  const pod = new Conversation('10.244.1.7:51234', '192.168.11.250:3306');
  const steps = [
    pod.syn(T, NEW_ISN), pod.fromServer(T + 0.001, TcpFlag.ACK, OLD_SERVER_ISN + 2, OLD_ISN + 2), pod.fromClient(T + 0.0011, TcpFlag.RST, OLD_ISN + 2, 0),
    pod.syn(T + 1, NEW_ISN), pod.fromServer(T + 1.001, TcpFlag.ACK, OLD_SERVER_ISN + 2, OLD_ISN + 2), pod.fromClient(T + 1.0011, TcpFlag.RST, OLD_ISN + 2, 0),
  ];
  const { handshakes } = track(steps, T + 10);
  const { diagnoses, findings } = diagnoseSingle(handshakes, 'client', 'en');
  assert.equal(findings.get(1)?.cause, 'time-wait-collision');
  const line = diagnoses.find((d) => d.code === 'time-wait-collision')!.evidence[1];
  assert.equal(line.values.holder, null);
  assert.match(line.text, /does not show the previous connection/);
});

test('negative: a plain SYN loss answered by a SYN-ACK after the retransmission is a slow connect of another group, no collision', () => {
  const steps = [...previousConnection(), nat.syn(T + 70, NEW_ISN), nat.syn(T + 71, NEW_ISN), nat.synAck(T + 71.001, NEW_SERVER_ISN, NEW_ISN), nat.ack(T + 71.002, NEW_ISN, NEW_SERVER_ISN)];
  const { handshakes } = track(steps, T + 80);
  assert.equal(newAttempt(handshakes).foreignAck, undefined);
  const { diagnoses } = diagnoseSingle(handshakes, 'server', 'en');
  assert.equal(diagnoses.find((d) => d.code === 'time-wait-collision'), undefined);
  const groups = diagnoses.find((d) => d.code === 'slow-connect')!.evidence.map((e) => e.values.group).filter((g) => g !== undefined);
  assert.deepEqual(groups, ['dropped-at-server']);
});

test('negative: a SYN-ACK is never a foreign ACK, whatever it acknowledges; an ACK of ISN + 1 belongs to the attempt', () => {
  // A SYN-ACK of another sequence space (a middlebox's, a stale one): not a bare ACK.
  const strayAck = [...previousConnection(), nat.syn(T + 2, NEW_ISN), nat.fromServer(T + 2.0001, TcpFlag.SYN | TcpFlag.ACK, 42, OLD_ISN + 2, { mss: 1460 }), nat.syn(T + 3, NEW_ISN)];
  assert.equal(newAttempt(track(strayAck, T + 10).handshakes).foreignAck, undefined);
  // The server's ACK of ISN + 1 whose SYN-ACK the capture missed: the attempt's own answer.
  const ownAck = [nat.syn(T, NEW_ISN), nat.fromServer(T + 0.001, TcpFlag.ACK, NEW_SERVER_ISN + 1, NEW_ISN + 1), nat.ack(T + 0.002, NEW_ISN, NEW_SERVER_ISN)];
  const own = track(ownAck, T + 10).handshakes[0];
  assert.equal(own.foreignAck, undefined);
  assert.equal(diagnoseSingle([own], 'server', 'en').diagnoses.find((d) => d.code === 'time-wait-collision'), undefined);
});

test('negative: a RST answering the SYN is refused; the server\'s ACKs after its SYN-ACK are the connection\'s own', () => {
  const refused = [...previousConnection(), nat.syn(T + 2, NEW_ISN), nat.refuse(T + 2.0001, NEW_ISN)];
  const { handshakes } = track(refused, T + 10);
  const fresh = newAttempt(handshakes);
  assert.deepEqual([fresh.outcome, fresh.foreignAck], ['refused', undefined]);
  assert.equal(diagnoseSingle(handshakes, 'server', 'en').findings.get(fresh.id)?.cause, 'refused');
  // After the SYN-ACK, a pure ACK of data the client has not sent yet is still not a foreign answer.
  const established = [
    nat.syn(T, NEW_ISN), nat.synAck(T + 0.001, NEW_SERVER_ISN, NEW_ISN), nat.ack(T + 0.002, NEW_ISN, NEW_SERVER_ISN),
    nat.fromServer(T + 0.003, TcpFlag.ACK, NEW_SERVER_ISN + 1, OLD_ISN + 2), nat.fromClient(T + 0.004, TcpFlag.RST, OLD_ISN + 2, 0),
  ];
  assert.equal(track(established, T + 10).handshakes[0].foreignAck, undefined);
});

test('negative: the server\'s ACK of data whose SYN-ACK and segments the capture missed stays the connection\'s own', () => {
  const missed = [
    nat.syn(T, NEW_ISN), nat.fromClient(T + 0.002, TcpFlag.ACK, NEW_ISN + 1, NEW_SERVER_ISN + 1),
    nat.fromServer(T + 0.01, TcpFlag.ACK, NEW_SERVER_ISN + 1, NEW_ISN + 1001),
  ];
  assert.equal(track(missed, T + 10).handshakes[0].foreignAck, undefined);
});

test('with timestamps: a SYN whose TSval is older than the previous connection\'s last is said to fail the TIME-WAIT socket\'s PAWS check', () => {
  const stamped = [
    nat.syn(T, OLD_ISN, { tsval: 5000 }), nat.synAck(T + 0.001, OLD_SERVER_ISN, OLD_ISN, { tsval: 1, tsecr: 5000 }), nat.ack(T + 0.002, OLD_ISN, OLD_SERVER_ISN, { tsval: 5001, tsecr: 1 }),
    nat.serverFin(T + 0.1, OLD_SERVER_ISN, OLD_ISN, { tsval: 2, tsecr: 5001 }), nat.clientFin(T + 0.101, OLD_ISN, OLD_SERVER_ISN, { answersFin: true, tsval: 5100, tsecr: 2 }),
    nat.fromServer(T + 0.102, TcpFlag.ACK, OLD_SERVER_ISN + 2, OLD_ISN + 2, { tsval: 3, tsecr: 5100 }),
    nat.syn(T + 2, NEW_ISN, { tsval: 900 }), nat.fromServer(T + 2.0001, TcpFlag.ACK, OLD_SERVER_ISN + 2, OLD_ISN + 2, { tsval: 4, tsecr: 5100 }),
    nat.fromClient(T + 2.0002, TcpFlag.RST, OLD_ISN + 2, 0),
  ];
  const { handshakes } = track(stamped, T + 10);
  for (const lang of ['en', 'zh-cn'] as const) {
    const line = diagnoseSingle(handshakes, 'server', lang).diagnoses.find((d) => d.code === 'time-wait-collision')!.evidence[1];
    assert.deepEqual([line.values.synTsval, line.values.previousLastTsval], [900, 5100]);
    assert.match(line.text, /PAWSEstab/, lang);
  }
});

test('a SYN on a four-tuple whose previous connection is still open: the challenge ACK is a foreign answer, the holder is the open connection', () => {
  const open = [
    nat.syn(T, OLD_ISN), nat.synAck(T + 0.001, OLD_SERVER_ISN, OLD_ISN), nat.ack(T + 0.002, OLD_ISN, OLD_SERVER_ISN),
    nat.syn(T + 5, NEW_ISN), nat.fromServer(T + 5.0001, TcpFlag.ACK, OLD_SERVER_ISN + 1, OLD_ISN + 1), nat.fromClient(T + 5.0002, TcpFlag.RST, OLD_ISN + 1, 0),
  ];
  const { handshakes } = track(open, T + 10);
  const line = diagnoseSingle(handshakes, 'server', 'en').diagnoses.find((d) => d.code === 'time-wait-collision')!.evidence[1];
  assert.deepEqual([line.values.holder, line.values.secondsSinceClose], ['open', null]);
  assert.match(line.text, /challenge ACK/);
});
