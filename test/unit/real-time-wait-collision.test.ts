/**
 * test/fixtures/real/time-wait-collision/ (tools/realcapture/time-wait-collision.sh): the node SNATs both
 * pods to one address and port, so every connection is the same four-tuple at the server, which closed
 * the previous one first and holds it in TIME-WAIT. A SYN whose ISN is not after the old connection's
 * end is answered by the TIME-WAIT socket's ACK and reset by the pod; with tcp_rfc1337=1 (second half)
 * the socket survives the reset and the connect fails. Which rounds collided is tshark's reading
 * (truth.json `unrelatedAcks`), never the analyzer's.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { diagnoseSingle } from '../../src/analyzer/diagnosis/diagnoseSingle.js';
import { singleCaptureCollisions } from '../../src/analyzer/diagnosis/timeWaitCollision.js';
import { assertAttemptsMatchSockets, assertCauses, connectionOf, correlate, noPawsBlameTests, recording, type SocketTruth } from './realRecording.js';

const rec = recording('time-wait-collision');
const { truth } = rec;
const CLIENT_SIDES = ['pod-a.pcap', 'pod-b.pcap', 'node-side.pcap'];
const SERVER = 'server-side.pcap';
const collided = (c: SocketTruth): boolean => (c.synsSeen[SERVER].unrelatedAcks ?? 0) > 0;
const expectedCause = (c: SocketTruth): string | null => (collided(c) && c.connect !== 'ok' ? 'time-wait-collision' : null);

test('time-wait-collision recording: some reuses collided and passed, some failed, some did not collide', () => {
  const kinds = truth.connections.map((c) => (collided(c) ? (c.connect === 'ok' ? 'collided-passed' : 'collided-failed') : c.connect));
  assert.ok(kinds.includes('collided-passed') && kinds.includes('collided-failed') && kinds.includes('ok'), kinds.join(' '));
  for (const c of truth.connections) {
    // Every connection is the same four-tuple at the server; a failed connect is always a collided one here.
    assert.equal(c.synsSeen[SERVER].from, `${truth.nodeAddress}:40000`, c.local);
    if (c.connect !== 'ok') assert.ok(collided(c), c.local);
  }
});

test('time-wait-collision: every attempt in every capture has the verdict, outcome and SYN count of its socket', () => {
  for (const capture of truth.captures) assertAttemptsMatchSockets(rec, capture, rec.load(capture).handshakes);
});

test('time-wait-collision: each capture records the foreign ACK and the client reset exactly where tshark sees them', () => {
  for (const capture of truth.captures) {
    for (const attempt of rec.load(capture).handshakes) {
      const seen = connectionOf(truth, attempt).synsSeen[capture];
      assert.equal(attempt.foreignAck?.count ?? 0, seen.unrelatedAcks, `${capture}: attempt ${attempt.id} ACKs`);
      assert.equal(attempt.foreignAck?.reset?.count ?? 0, seen.unrelatedAckResets, `${capture}: attempt ${attempt.id} resets`);
      if (attempt.foreignAck) assert.notEqual(attempt.foreignAck.ack, (attempt.isn + 1) >>> 0);
    }
  }
});

test('time-wait-collision: the previous connection keeps its own close, not the next SYN\'s reset', () => {
  for (const attempt of rec.load(SERVER).handshakes) {
    const connection = connectionOf(truth, attempt);
    if (connection.connect === 'ok') assert.deepEqual({ rst: attempt.rst, firstFin: attempt.teardown.firstFin }, { rst: null, firstFin: 'server' }, connection.local);
  }
});

for (const capture of truth.captures) {
  test(`time-wait-collision: ${capture} alone names the collided failures and lists every collision`, () => {
    const analysis = rec.load(capture);
    const { findings, diagnoses } = diagnoseSingle(analysis, capture === SERVER ? 'server' : 'client', 'en');
    assertCauses(rec, analysis.handshakes, expectedCause, findings);
    const ids = analysis.handshakes.filter((a) => collided(connectionOf(truth, a))).map((a) => a.id);
    const diagnosis = diagnoses.find((d) => d.code === 'time-wait-collision');
    assert.deepEqual(diagnosis?.handshakeIds ?? [], ids);
    if (diagnosis) assert.equal(diagnosis.severity, ids.some((id) => analysis.handshakes[id - 1].verdict === 'fail') ? 'error' : 'warning');
    // The collided connects that passed are slow connects whose first SYN met the TIME-WAIT socket.
    const passedIds = analysis.handshakes.filter((a) => collided(connectionOf(truth, a)) && a.verdict === 'pass').map((a) => a.id);
    const group = diagnoses.find((d) => d.code === 'slow-connect')?.evidence.find((e) => e.values.group === 'time-wait-collision');
    assert.deepEqual(group?.handshakeIds ?? [], passedIds);
    // Sent again 10 to 25 ms after the reset: TCP_TIMEOUT_MIN, not the 1 s timeout.
    if (group) assert.equal(group.values.schedule, 'linux-unacceptable-ack');
  });
}

test('time-wait-collision: correlated with the server capture, from each client side', () => {
  for (const side of CLIENT_SIDES) {
    const { client, result } = correlate(rec, side, SERVER);
    assertCauses(rec, client.handshakes, expectedCause, result.findings);
    const diagnosis = result.diagnoses.find((d) => d.code === 'time-wait-collision');
    const ids = client.handshakes.filter((a) => collided(connectionOf(truth, a))).map((a) => a.id);
    assert.deepEqual(diagnosis?.handshakeIds ?? [], ids, side);
    // The server capture shows the previous connection on the NATed four-tuple, closed by the server within TIME-WAIT.
    for (const evidence of diagnosis?.evidence.slice(1, 6) ?? []) {
      assert.equal(evidence.values.holder, 'server-time-wait', `${side}: ${evidence.text}`);
      assert.ok((evidence.values.secondsSinceClose as number) < 60, evidence.text);
    }
  }
});

test('time-wait-collision: the server capture shows, for every collision, the previous connection it closed first less than 60 s before', () => {
  const server = rec.load(SERVER).handshakes;
  const facts = singleCaptureCollisions(server);
  assert.deepEqual([...facts.keys()], server.filter((a) => collided(connectionOf(truth, a))).map((a) => a.id));
  for (const fact of facts.values()) {
    assert.deepEqual([fact.previous?.holder, fact.previous?.withinTimeWait, fact.synTsval], ['server-time-wait', true, null], `attempt ${fact.id}`);
    // The previous connection is the one whose end the ACK acknowledges: its client's FIN + 1.
    const previous = server.find((a) => a.id === fact.previous!.id)!;
    assert.equal(fact.ack, (previous.isn + 1 + 29 + 1) >>> 0, `attempt ${fact.id}: hello line (29 bytes) and FIN after ISN + 1`);
  }
});

test('time-wait-collision: the server rate-limited some TIME-WAIT ACKs (TCPACKSkippedTimeWait); without timestamps no PAWSEstab', () => {
  assert.ok((truth.serverCounters.TcpExtTCPACKSkippedTimeWait ?? 0) > 0);
  assert.equal(truth.serverCounters.TcpExtPAWSEstab, undefined);
});

noPawsBlameTests(rec, CLIENT_SIDES, SERVER);
