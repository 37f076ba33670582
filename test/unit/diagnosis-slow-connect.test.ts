/**
 * slow-connect (diagnosis/slowConnect.ts): attempts that passed only after SYN retransmissions, grouped by
 * what dropped their first SYNs. Held to the simulator's ground truth (every scenario) and to the real
 * recordings' sockets (connect ok with tcpi_total_retrans > 0), with the negatives: nothing slow when
 * every attempt passed on its first SYN, never a failed attempt, never a SYN captured twice.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { correlateCaptures } from '../../src/analyzer/correlation/correlateCaptures.js';
import { diagnoseSingle } from '../../src/analyzer/diagnosis/diagnoseSingle.js';
import type { SlowConnectGroup } from '../../src/analyzer/explain/slowConnectTexts.js';
import { synScheduleOf } from '../../src/analyzer/handshakes/synSchedule.js';
import type { HandshakeAttempt } from '../../src/analyzer/model.js';
import type { DiagnosisJson } from '../../src/analyzer/report.js';
import { SCENARIOS } from '../../src/generator/scenario/catalogue.js';
import type { AttemptTruth, SynFate } from '../../src/generator/scenario/groundTruth.js';
import { connectionOf, recording, type SocketTruth } from './realRecording.js';
import { analyseScenario, truthOf } from './scenarioAnalysis.js';
import { attempt as sketch } from './attemptSketch.js';

const slowOf = (diagnoses: readonly DiagnosisJson[]) => diagnoses.find((d) => d.code === 'slow-connect');

/** Attempt id → the group its evidence line names. */
function groupsOf(diagnosis: DiagnosisJson): Map<number, SlowConnectGroup> {
  const groups = new Map<number, SlowConnectGroup>();
  for (const line of diagnosis.evidence) {
    if (typeof line.values.group !== 'string') continue;
    for (const id of line.handshakeIds) groups.set(id, line.values.group as SlowConnectGroup);
  }
  return groups;
}

/** The group the first SYN's true fate calls for. */
const GROUP_OF_FATE: Record<SynFate, SlowConnectGroup | null> = {
  'answered': 'reply-lost', // answered, and still retransmitted: that SYN-ACK never reached the client
  'paws-dropped': 'paws-tw-recycle',
  'dropped-at-server': 'dropped-at-server',
  'lost-before-server': 'lost-before-server',
  // With one client capture and the server's, a SYN the node dropped never reached the server; which hop
  // is only told with the node's capture too (test/unit/scenario-snat-race.test.ts).
  'dropped-at-node': 'lost-before-server',
  'refused': null,
  // A reset ends the attempt: never a slow connect.
  'reset-by-middlebox': null,
  'time-wait-ack': 'time-wait-collision',
  // Rate-limited by the TIME-WAIT socket: no answer at all, as any other drop at the server.
  'time-wait-skipped': 'dropped-at-server',
};

const slowInTruth = (t: AttemptTruth | undefined) => t !== undefined && t.fate === 'established' && t.syns.length > 1;

test('synScheduleOf: Linux doubling, linear timeouts, Windows, one gap, and what fits none', () => {
  assert.equal(synScheduleOf([0, 1, 3, 7]), 'linux-doubling');
  assert.equal(synScheduleOf([0, 1.02, 2.05, 3.07]), 'linux-linear');
  assert.equal(synScheduleOf([0, 1, 2, 3, 4, 5, 7]), 'linux-linear');
  assert.equal(synScheduleOf([0, 3, 9]), 'windows');
  assert.equal(synScheduleOf([0, 3]), 'windows');
  assert.equal(synScheduleOf([0, 1.01]), 'linux-one-second');
  assert.equal(synScheduleOf([0, 0.2, 5]), 'other');
  assert.equal(synScheduleOf([0, 0.01, 1.02]), 'linux-unacceptable-ack');
  assert.equal(synScheduleOf([0, 0.03]), 'other');
  assert.equal(synScheduleOf([0, 1, 10]), 'other');
  assert.equal(synScheduleOf([0]), null);
});

for (const name of Object.keys(SCENARIOS)) {
  test(`simulator ${name}: the slow connects are the established attempts with retransmitted SYNs, grouped by their first SYN's fate`, () => {
    const { truth, client, server } = analyseScenario(name);
    const result = correlateCaptures(client, server, 'en');
    const expected = client.handshakes.filter((a) => slowInTruth(truthOf(truth, a))).map((a) => a.id);
    const diagnosis = slowOf(result.diagnoses);
    if (expected.length === 0) {
      assert.equal(diagnosis, undefined, 'no slow connect where every established attempt needed one SYN');
      return;
    }
    assert.ok(diagnosis);
    assert.equal(diagnosis.severity, 'warning');
    assert.deepEqual(diagnosis.handshakeIds, expected);
    const groups = groupsOf(diagnosis);
    for (const attempt of client.handshakes.filter((a) => expected.includes(a.id))) {
      const first = truthOf(truth, attempt)!.syns[0].fate;
      assert.equal(groups.get(attempt.id), GROUP_OF_FATE[first], `attempt ${attempt.id}, first SYN ${first}`);
      assert.equal(attempt.verdict, 'pass');
      assert.equal(result.findings.get(attempt.id)?.cause ?? null, null, 'a slow connect passed: no cause');
    }
    // From the client capture alone the same attempts, none located, except those whose first SYN the
    // client saw answered by the previous connection's ACK.
    const alone = slowOf(diagnoseSingle(client, 'client', 'en').diagnoses);
    assert.deepEqual(alone?.handshakeIds, expected);
    const aloneExpected = client.handshakes.filter((a) => expected.includes(a.id))
      .map((a) => (truthOf(truth, a)!.syns[0].fate === 'time-wait-ack' ? 'time-wait-collision' : 'unlocated'));
    assert.deepEqual(new Set(groupsOf(alone!).values()), new Set(aloneExpected));
  });
}

test('simulator healthy: every attempt passed on its first SYN, and there is no slow-connect', () => {
  const { truth, client, server } = analyseScenario('healthy');
  assert.ok(truth.attempts.every((a) => a.fate === 'established' && a.syns.length === 1));
  assert.equal(slowOf(correlateCaptures(client, server, 'en').diagnoses), undefined);
  assert.equal(slowOf(diagnoseSingle(client, 'client', 'en').diagnoses), undefined);
  assert.equal(slowOf(diagnoseSingle(server, 'server', 'zh-cn').diagnoses), undefined);
});

test('simulator: a failed attempt is never a slow connect, retransmitted or not', () => {
  let retransmittedFailures = 0;
  for (const name of Object.keys(SCENARIOS)) {
    const { client, server } = analyseScenario(name);
    const ids = new Set(slowOf(correlateCaptures(client, server, 'en').diagnoses)?.handshakeIds ?? []);
    const failed = client.handshakes.filter((a) => a.verdict !== 'pass');
    retransmittedFailures += failed.filter((a) => a.syns.length > 1).length;
    for (const attempt of failed) assert.ok(!ids.has(attempt.id), `${name}: failed attempt ${attempt.id}`);
  }
  assert.ok(retransmittedFailures > 10, 'failures with retransmitted SYNs were checked');
});

/** Ground truth of a real slow connect: the socket connected, and TCP_INFO right after connect counted retransmissions. */
/** Connected after retransmitting, and taken by the server (a connection it never accepted failed: not-accepted). */
const slowSocket = (c: SocketTruth) => c.connect === 'ok' && c.serverAccepted !== false && (c.tcpInfo?.totalRetrans ?? 0) > 0;

/** What truth.json says became of the first SYNs: missing from the server capture, answered there more often than the client saw, or dropped there. */
function truthGroup(c: SocketTruth, clientCapture: string): SlowConnectGroup {
  const atClient = c.synsSeen[clientCapture];
  const atServer = c.synsSeen['server-side.pcap'];
  if (atServer.transmissions < atClient.transmissions) return 'lost-before-server';
  return atServer.synAcks > atClient.synAcks ? 'reply-lost' : 'dropped-at-server';
}

function realSlow(scenario: string, clientCapture: string) {
  const rec = recording(scenario);
  const client = rec.load(clientCapture);
  const server = rec.load('server-side.pcap');
  const expected = client.handshakes.filter((a) => slowSocket(connectionOf(rec.truth, a)));
  return { rec, client, server, expected };
}

for (const [scenario, groupExpected] of [['accept-overflow', 'dropped-at-server'], ['synack-drop', 'reply-lost']] as const) {
  test(`real ${scenario}: the sockets that connected after retransmitting are the slow connects, located as truth.json says`, () => {
    const { rec, client, server, expected } = realSlow(scenario, 'node-side.pcap');
    assert.ok(expected.length > 0);
    const diagnosis = slowOf(correlateCaptures(client, server, 'en').diagnoses);
    assert.ok(diagnosis);
    assert.deepEqual(diagnosis.handshakeIds, expected.map((a) => a.id));
    const groups = groupsOf(diagnosis);
    for (const attempt of expected) {
      const group = truthGroup(connectionOf(rec.truth, attempt), 'node-side.pcap');
      assert.equal(group, groupExpected);
      assert.equal(groups.get(attempt.id), group, `attempt ${attempt.id}`);
    }
    // This kernel retransmits with tcp_syn_linear_timeouts=4: 1 s steps.
    const groupLine = diagnosis.evidence.find((e) => e.values.group === groupExpected)!;
    assert.equal(groupLine.values.schedule, 'linux-linear');
  });

  test(`real ${scenario}: the latency distribution counts the sockets and ends at the slowest connect()`, () => {
    const { rec, client, server, expected } = realSlow(scenario, 'node-side.pcap');
    const diagnosis = slowOf(correlateCaptures(client, server, 'en').diagnoses)!;
    const lines = diagnosis.evidence.filter((e) => typeof e.values.p99Ms === 'number');
    assert.equal(lines.length, 1, 'one server');
    const [line] = lines;
    // Passed: connected and taken by the server (one it never accepted is a failure, not-accepted).
    const ok = rec.truth.connections.filter((c) => c.connect === 'ok' && c.serverAccepted !== false && c.synsSeen['node-side.pcap'].transmissions > 0);
    assert.equal(line.values.passed, ok.length);
    assert.equal(line.values.slowConnects, expected.length);
    const slowest = Math.max(...ok.map((c) => (c.connectEnded - c.started) * 1000));
    // The node is one hop from the pod: its capture times connect() to within a few milliseconds.
    assert.ok(Math.abs((line.values.maxMs as number) - slowest) < 20, `${line.values.maxMs} vs ${slowest}`);
    assert.ok((line.values.p50Ms as number) <= (line.values.p99Ms as number) && (line.values.p99Ms as number) <= (line.values.maxMs as number));
    assert.equal(line.values.latencyFrom, 'syn-ack');
  });

  test(`real ${scenario}: from the server capture alone, the retransmissions that arrived and what the server did with them`, () => {
    const rec = recording(scenario);
    const server = rec.load('server-side.pcap');
    const expected = server.handshakes.filter((a) => slowSocket(connectionOf(rec.truth, a)));
    const diagnosis = slowOf(diagnoseSingle(server, 'server', 'zh-cn').diagnoses);
    assert.ok(diagnosis);
    assert.deepEqual(diagnosis.handshakeIds, expected.map((a) => a.id));
    assert.deepEqual(new Set(groupsOf(diagnosis).values()), new Set([groupExpected]));
    assert.ok(diagnosis.evidence.some((e) => e.values.latencyFrom === 'ack'));
  });
}

test('real recordings: a socket that connected on its first SYN, or did not connect, is never a slow connect', () => {
  for (const scenario of ['accept-overflow', 'synack-drop', 'syn-cookies', 'router-reset', 'clock-shift', 'node-any']) {
    const rec = recording(scenario);
    for (const capture of rec.truth.captures) {
      const analysis = rec.load(capture);
      const ids = new Set(slowOf(diagnoseSingle(analysis, 'single', 'en').diagnoses)?.handshakeIds ?? []);
      for (const attempt of analysis.handshakes) {
        const slow = slowSocket(connectionOf(rec.truth, attempt));
        assert.equal(ids.has(attempt.id), slow, `${scenario}/${capture} attempt ${attempt.id}`);
      }
    }
  }
});

test('real node-any: every SYN captured three times (veth, bridge, eth0 with -i any) is one transmission, not a retransmission', () => {
  const rec = recording('node-any');
  const analysis = rec.load('node-any.pcap');
  const passed: HandshakeAttempt[] = analysis.handshakes.filter((a) => a.verdict === 'pass');
  assert.ok(passed.length > 0);
  for (const attempt of passed) {
    const connection = connectionOf(rec.truth, attempt);
    assert.equal(connection.synsSeen['node-any.pcap'].transmissions, 3, 'tshark sees each SYN three times');
    assert.equal(connection.tcpInfo?.totalRetrans, 0);
  }
  assert.equal(slowOf(diagnoseSingle(analysis, 'single', 'en').diagnoses), undefined);
  assert.equal(slowOf(correlateCaptures(analysis, rec.load('server-side.pcap'), 'en').diagnoses), undefined);
});

test('latency per server: only the passed attempts of that endpoint, not another port of its address nor another server', () => {
  const attempt = (id: number, server: string, syns: number[], synAckAt: number, verdict: 'pass' | 'fail' = 'pass') => sketch({
    id, client: `10.0.0.1:${40000 + id}`, server, syns: syns.map((time) => [time, null] as [number, null]), synAckAt, verdict,
  });
  const T = 1_700_000_000;
  const attempts: HandshakeAttempt[] = [
    attempt(1, '192.0.2.1:80', [T, T + 1], T + 1.010),
    attempt(2, '192.0.2.1:80', [T + 2], T + 2.002),
    attempt(3, '192.0.2.1:443', [T + 3], T + 3.500),
    attempt(4, '192.0.2.9:80', [T + 4], T + 4.700),
    attempt(5, '[2001:db8::1]:80', [T + 5, T + 6], T + 6.004),
    attempt(6, '[2001:db8::1]:80', [T + 7], T + 7.003),
  ];
  const slow = slowOf(diagnoseSingle(attempts, 'client', 'en').diagnoses)!;
  const latency = slow.evidence.filter((line) => line.values.p50Ms !== undefined).map((line) => [line.values.server, line.values.passed, line.values.slowConnects, line.values.maxMs]);
  assert.deepEqual(latency, [['192.0.2.1:80', 2, 1, 1010], ['[2001:db8::1]:80', 2, 1, 1004]]);
});
