/**
 * Which attempt a segment belongs to on a four-tuple used more than once, and on connections that move
 * more than 2 GiB: sequence numbers are placed against each side's moving edge, not against the ISN.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TcpFlag } from '../../src/analyzer/layers/tcpPacket.js';
import { MAX_WINDOW, NOT_IN_SPACE, sequenceGap } from '../../src/analyzer/handshakes/sequence.js';
import { Conversation, track } from './handshakeScript.js';

const T = 1_700_000_000;
const pod = new Conversation('10.244.1.7:40000', '192.168.11.250:3306');
const ACK = TcpFlag.ACK;
const FIN_ACK = TcpFlag.FIN | TcpFlag.ACK;
const PSH_ACK = TcpFlag.PSH | TcpFlag.ACK;

/** A connection with ISNs 1,000,000 and 5,000, closed by the client at T + 1 (its FIN at 1,000,001). */
const closedConnection = [
  pod.syn(T, 1_000_000, { tsval: 100 }), pod.synAck(T + 0.001, 5000, 1_000_000, { tsval: 7, tsecr: 100 }),
  pod.ack(T + 0.002, 1_000_000, 5000, { tsval: 101 }),
  pod.clientFin(T + 1, 1_000_000, 5000, { tsval: 1100 }), pod.serverFin(T + 1.001, 5000, 1_000_000, { answersFin: true }),
];

test('sequenceGap: within the used space, ahead of the edge, before the ISN, past the window', () => {
  assert.equal(sequenceGap(1001, 1000, 5000, false), 0);
  assert.equal(sequenceGap(5000, 1000, 5000, false), 0);
  assert.equal(sequenceGap(5010, 1000, 5000, false), 10);
  assert.equal(sequenceGap(1000, 1000, 5000, false), NOT_IN_SPACE);
  assert.equal(sequenceGap(999, 1000, 5000, false), NOT_IN_SPACE);
  assert.equal(sequenceGap(5000 + MAX_WINDOW + 1, 1000, 5000, false), NOT_IN_SPACE);
  // Past half the space the ISN no longer bounds it: only the edge does.
  assert.equal(sequenceGap(0x2000_0000, 0x10, 0x9000_0000, true), 0);
  assert.equal(sequenceGap(0x2000_0000, 0x10, 0x9000_0000, false), 0);
  assert.equal(sequenceGap(0x90000010, 0x10, 0x90000000, true), 0x10);
});

test('a late segment of the earlier connection does not answer a new SYN on the four-tuple', () => {
  // The new SYN's ISN lies below the old connection's sequence numbers (random ISNs): its "after the
  // ISN" test alone would take the old connection's retransmitted FIN and the client's ACK for its own.
  const { handshakes } = track([
    ...closedConnection,
    pod.syn(T + 70, 500_000, { tsval: 70_000 }),
    pod.fromServer(T + 70.2, FIN_ACK, 5001, 1_000_002),
    pod.fromClient(T + 70.2002, ACK, 1_000_002, 5002, { tsval: 70_200 }),
  ], T + 100);
  assert.deepEqual(handshakes.map((h) => [h.isn, h.verdict, h.outcome]), [[1_000_000, 'pass', 'established'], [500_000, 'fail', 'no-reply']]);
  assert.equal(handshakes[1].ack, null);
  assert.equal(handshakes[0].teardown.lastClientTsval, 70_200);
});

test('a segment captured before a new SYN is never the new attempt\'s, even when written after it', () => {
  // Merged interfaces wrote the old connection's segment after the new SYN. Its numbers lie closer to
  // the new attempt's edge than to the old one's, but it was sent before the new SYN.
  const { handshakes } = track([
    ...closedConnection,
    pod.syn(T + 70, 1_000_010),
    pod.fromClient(T + 69.9, PSH_ACK, 1_000_020, 5002, { data: 10 }),
  ], T + 100);
  assert.deepEqual(handshakes.map((h) => [h.isn, h.outcome, h.ack?.frame ?? null]), [[1_000_000, 'established', 2], [1_000_010, 'no-reply', null]]);
});

test('segments of a connection that has just started still go to it', () => {
  const { handshakes } = track([
    ...closedConnection,
    pod.syn(T + 70, 500_000), pod.synAck(T + 70.001, 9000, 500_000), pod.ack(T + 70.002, 500_000, 9000, { data: 20 }),
    pod.fromServer(T + 70.003, ACK, 9001, 500_021),
  ], T + 100);
  assert.deepEqual(handshakes.map((h) => h.outcome), ['established', 'established']);
  assert.equal(handshakes[1].ack?.frame, 7);
});

/** A client upload of `steps` half GiBs, one captured segment each, then the client's close. */
function upload(isn: number, serverIsn: number, steps: number): ReturnType<typeof pod.syn>[] {
  const script = [pod.syn(T, isn, { tsval: 1 }), pod.synAck(T + 0.001, serverIsn, isn, { tsval: 5, tsecr: 1 }), pod.ack(T + 0.002, isn, serverIsn, { tsval: 2 })];
  const half = 2 ** 29;
  let seq = isn + 1;
  for (let step = 0; step < steps; step++, seq += half) {
    script.push(pod.fromClient(T + 1 + step, PSH_ACK, seq, serverIsn + 1, { data: 1448, tsval: 1000 * (step + 1) }));
  }
  script.push(pod.fromServer(T + 10.5, ACK, serverIsn + 1, seq));
  script.push(pod.fromClient(T + 11, FIN_ACK, seq, serverIsn + 1, { tsval: 11_000 }));
  script.push(pod.fromServer(T + 11.001, FIN_ACK, serverIsn + 1, seq + 1));
  script.push(pod.fromClient(T + 11.002, ACK, seq + 1, serverIsn + 2, { tsval: 11_002 }));
  return script;
}

test('a client that sends more than 2 GiB (crossing 2^31 from its ISN and 2^32) keeps its FIN and last TSval', () => {
  // From ISN 1000 the numbers cross 2^31; from 0xf0000000 they wrap past 2^32 at once. 3 GiB puts the
  // FIN more than half the space from the ISN, 5 GiB back within it after a whole turn.
  for (const [isn, halfGiBs] of [[1000, 6], [0xf000_0000, 6], [1000, 10], [0xf000_0000, 10]]) {
    const { handshakes } = track(upload(isn, 77, halfGiBs));
    assert.equal(handshakes.length, 1);
    assert.deepEqual(handshakes[0].teardown, {
      firstFin: 'client', firstFinTime: T + 11, secondFinTime: T + 11.001, lastClientTsval: 11_002, lastClientTsvalTime: T + 11.002,
    }, `ISN ${isn}, ${halfGiBs / 2} GiB`);
  }
});

test('a server that sends more than 2 GiB keeps its FIN', () => {
  const isn = 42;
  const serverIsn = 0x7000_0000;
  const steps = [pod.syn(T, isn), pod.synAck(T + 0.001, serverIsn, isn), pod.ack(T + 0.002, isn, serverIsn)];
  let seq = serverIsn + 1;
  for (let step = 0; step < 10; step++, seq += 2 ** 29) steps.push(pod.fromServer(T + 1 + step, PSH_ACK, seq, isn + 1, { data: 1448 }));
  steps.push(pod.fromServer(T + 11, TcpFlag.FIN, seq, 0));
  const { handshakes } = track(steps);
  assert.deepEqual([handshakes[0].teardown.firstFin, handshakes[0].teardown.firstFinTime], ['server', T + 11]);
});

test('SYN-ACKs with two server ISNs: the client goes on with the second, and the server\'s segments still count', () => {
  // suricata-verify's tcp-fastopen-10: something in front of the server answers with another ISN.
  const { handshakes } = track([
    pod.syn(T, 42, { data: 517 }), pod.fromServer(T + 0.01, TcpFlag.SYN | ACK, 3_212_050_950, 43),
    pod.syn(T + 0.03, 42), pod.fromServer(T + 1.1, TcpFlag.SYN | ACK, 97_572_840, 43),
    pod.fromClient(T + 1.11, PSH_ACK, 43, 97_572_841, { data: 517 }),
    pod.fromServer(T + 1.2, PSH_ACK, 97_572_841, 560, { data: 1440 }),
    pod.fromServer(T + 1.3, FIN_ACK, 97_574_281, 560),
  ]);
  assert.deepEqual([handshakes[0].outcome, handshakes[0].ack?.frame, handshakes[0].teardown.firstFin], ['established', 4, 'server']);
});

test('timestamps that run backwards: with no earlier attempt, a SYN-ACK and ACK stamped before the SYN still pair with it', () => {
  // zeek's tcp/handshake-reorder.pcap: the SYN-ACK is written first and stamped 0.26 ms before the SYN.
  const { handshakes } = track([
    pod.fromServer(T, TcpFlag.SYN | ACK, 2_779_762_238, 4_263_588_411, { tsval: 797_524_569, tsecr: 374_005_024 }),
    pod.syn(T + 0.00026, 4_263_588_410, { tsval: 374_005_024 }),
    pod.fromClient(T + 0.0003, ACK, 4_263_588_411, 2_779_762_239, { tsval: 374_005_094 }),
  ]);
  assert.deepEqual([handshakes[0].synAck?.frame, handshakes[0].ack?.frame, handshakes[0].outcome], [0, 2, 'established']);
  const ackFirst = track([pod.syn(T + 1, 42), pod.synAck(T + 0.999, 7, 42), pod.fromClient(T + 0.9995, ACK, 43, 8)]);
  assert.deepEqual([ackFirst.handshakes[0].synAck?.frame, ackFirst.handshakes[0].ack?.frame], [1, 2]);
});
