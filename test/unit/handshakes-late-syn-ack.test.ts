/** A SYN-ACK that comes only after the client stopped retransmitting its SYN, and that the client resets. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { diagnoseSingle } from '../../src/analyzer/diagnosis/diagnoseSingle.js';
import { TcpFlag } from '../../src/analyzer/layers/tcpPacket.js';
import { Conversation, track } from './handshakeScript.js';

const T = 1_700_000_000;
const pod = new Conversation('10.244.1.7:40000', '192.168.11.250:3306');
/** Linux's SYN schedule with tcp_syn_retries = 6: it gives up 127 s after the first SYN. */
const linuxSyns = [0, 1, 3, 7, 15, 31, 63].map((at) => pod.syn(T + at, 42, { tsval: 1000 + at * 1000 }));
/** What a host sends for a SYN-ACK of a connection it no longer has: RST, seq = the SYN-ACK's ack. */
const resetOf = (time: number) => pod.fromClient(time, TcpFlag.RST, 43, 0);

test('the only SYN-ACK after the client gave up is syn-ack-after-give-up, a failure diagnosed reply-lost', () => {
  const { handshakes } = track([
    ...linuxSyns, pod.synAck(T + 130, 900, 42, { tsval: 5, tsecr: 64_000 }), resetOf(T + 130.0001),
  ], T + 140);
  assert.deepEqual([handshakes[0].verdict, handshakes[0].outcome, handshakes[0].rst?.from], ['fail', 'syn-ack-after-give-up', 'client']);
  const { diagnoses, attemptExplanations } = diagnoseSingle(handshakes, 'client', 'en');
  assert.deepEqual(diagnoses.map((d) => [d.code, d.confidence, d.handshakeIds]), [['reply-lost', 'medium', [1]]]);
  assert.match(attemptExplanations.get(1)!, /^The only SYN-ACK came 67 s after the last SYN, when the client had given up/);
  assert.match(diagnoseSingle(handshakes, 'client', 'zh-cn').attemptExplanations.get(1)!, /67 秒/);
});

test('a client whose application gave up early (connect timeout) shows the same', () => {
  // SYNs at 0 and 1 s; the next was due at 3 s but never came; the SYN-ACK at 5 s is reset.
  const { handshakes } = track([pod.syn(T, 42), pod.syn(T + 1, 42), pod.synAck(T + 5, 900, 42), resetOf(T + 5.0001)], T + 10);
  assert.equal(handshakes[0].outcome, 'syn-ack-after-give-up');
});

test('a client that resets a SYN-ACK that came in time, or one it could still have answered, is reset-by-client', () => {
  // In time: the SYN-ACK follows the last SYN well within the client's next retransmission.
  const inTime = track([...linuxSyns, pod.synAck(T + 63.01, 900, 42), resetOf(T + 63.0101)], T + 140);
  assert.equal(inTime.handshakes[0].outcome, 'reset-by-client');
  // A reset that does not carry the SYN-ACK's acknowledgement is not the answer to it.
  const otherReset = track([...linuxSyns, pod.synAck(T + 130, 900, 42), pod.fromClient(T + 130.0001, TcpFlag.RST, 100, 0)], T + 140);
  assert.equal(otherReset.handshakes[0].outcome, 'reset-by-client');
  // A reset before the SYN-ACK: the client aborted, the SYN-ACK came later and was not answered.
  const resetFirst = track([...linuxSyns, resetOf(T + 120), pod.synAck(T + 130, 900, 42)], T + 140);
  assert.equal(resetFirst.handshakes[0].outcome, 'reset-by-client');
  const { diagnoses } = diagnoseSingle(inTime.handshakes, 'client', 'en');
  assert.deepEqual(diagnoses.map((d) => d.code), []);
});

test('a late SYN-ACK the client acknowledges is an established connection', () => {
  const greeting = pod.fromServer(T + 100.0002, TcpFlag.PSH | TcpFlag.ACK, 901, 43, { data: 78 });
  const { handshakes } = track([...linuxSyns, pod.synAck(T + 100, 900, 42), pod.ack(T + 100.0001, 42, 900), greeting], T + 140);
  assert.equal(handshakes[0].outcome, 'established');
});

test('with the server capture: reply-lost when the server sent SYN-ACKs that never arrived, no cause when it answered late', async () => {
  const { correlateCaptures } = await import('../../src/analyzer/correlation/correlateCaptures.js');
  const late = [pod.synAck(T + 130, 900, 42, { tsval: 5, tsecr: 64_000 }), resetOf(T + 130.0001)];
  const answers = linuxSyns.map((syn, at) => pod.synAck(syn.time + 0.001, 900, 42, { tsval: at, tsecr: syn.packet.tsval }));
  const clientSide = () => track([...linuxSyns, ...late], T + 140).handshakes;

  const lostOnTheWayBack = clientSide();
  const lost = correlateCaptures(lostOnTheWayBack, track([...linuxSyns, ...answers, ...late], T + 140).handshakes, 'en').findings.get(lostOnTheWayBack[0].id);
  assert.deepEqual([lost?.cause, lost?.confidence, lost?.atServer?.replied], ['reply-lost', 'high', true]);

  const answeredLate = clientSide();
  const late_ = correlateCaptures(answeredLate, track([...linuxSyns, ...late], T + 140).handshakes, 'en').findings.get(answeredLate[0].id);
  assert.deepEqual([late_?.cause ?? null, late_?.atServer?.seen], [null, true]);
});

test('the 1 s steps of tcp_syn_linear_timeouts: the next SYN was due one step after the last, not two', () => {
  // SYNs at 0, 1 and 2 s, as kernel 6.x retries; a client still trying would have sent one at 3 s.
  const steps = [0, 1, 2].map((at) => pod.syn(T + at, 42));
  const late = track([...steps, pod.synAck(T + 4, 900, 42), resetOf(T + 4.0001)], T + 10);
  assert.equal(late.handshakes[0].outcome, 'syn-ack-after-give-up');
  // Negative: a SYN-ACK within the step after the last SYN came while the client could still answer it.
  const inTime = track([...steps, pod.synAck(T + 3.1, 900, 42), resetOf(T + 3.1001)], T + 10);
  assert.equal(inTime.handshakes[0].outcome, 'reset-by-client');
});
