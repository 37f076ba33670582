/**
 * Following SYNs through several captures (correlation/correlatePath.ts and its parts), on hand-built
 * attempts: the hops a pattern of sightings gives, the order the TTLs give, and the confidence of
 * `dropped-at-node` when the later capture is shown, or not, to hold the earlier one's traffic.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { PathStep } from '../../src/analyzer/correlation/attemptPath.js';
import { correlatePath } from '../../src/analyzer/correlation/correlatePath.js';
import { replyLossHop, synLossHop } from '../../src/analyzer/correlation/pathHops.js';
import type { HandshakeAttempt } from '../../src/analyzer/model.js';
import { attempt } from './attemptSketch.js';

const T = 1_700_000_000;
const step = (capture: number, seen: boolean, replied = false): PathStep => ({ capture, side: null, client: seen ? '10.0.0.1:1' : null, seen, replied, firstSynTime: seen ? T : null });

test('a SYN stops between the last point that holds it and the next; a capture that lost it itself locates nothing', () => {
  assert.deepEqual(synLossHop([step(0, true), step(1, true), step(2, false), step(3, false)]), { lastSeen: { capture: 1, side: null }, missing: { capture: 2, side: null } });
  assert.equal(synLossHop([step(0, true), step(1, false), step(2, true)]), null);
  assert.equal(synLossHop([step(0, true), step(1, true)]), null);
  assert.equal(synLossHop([step(0, false), step(1, false)]), null);
});

test('an answer stops between the point nearest the client that holds it and the next towards the client', () => {
  assert.deepEqual(replyLossHop([step(0, true), step(1, true), step(2, true, true), step(3, true, true)]), { lastSeen: { capture: 2, side: null }, missing: { capture: 1, side: null } });
  assert.equal(replyLossHop([step(0, true), step(1, true, true), step(2, true), step(3, true, true)]), null);
  assert.equal(replyLossHop([step(0, true, true), step(1, true, true)]), null);
});

/** One connection as each capture point shows it: the same ISN and TSvals, the TTL lowered by each hop, the source rewritten past the node. */
function seenAt(id: number, connection: number, time: number, ttl: number, client: string, answered: boolean): HandshakeAttempt {
  const sketch = attempt({ id, client, isn: 5000 + connection, syns: [[time, 10_000 + connection]], ...(answered ? { synAckAt: time + 0.001 } : {}), verdict: answered ? 'pass' : 'fail' });
  return { ...sketch, ttl, vantage: 'unknown' };
}

/** Five passed connections and one that failed, seen in a pod, on the node's uplink and at the server; `nodeMisses`: ids the uplink capture lacks. */
function threeCaptures(nodeMisses: readonly number[]): HandshakeAttempt[][] {
  const ids = [1, 2, 3, 4, 5, 6];
  const answered = (id: number) => id !== 4;
  const reached = (id: number) => answered(id);
  const time = (id: number) => T + id;
  const pod = ids.map((id) => seenAt(id, id, time(id), 64, `10.244.1.7:${40000 + id}`, answered(id)));
  const node = ids.filter((id) => reached(id) && !nodeMisses.includes(id)).map((id, at) => seenAt(at + 1, id, time(id) + 0.0001, 63, `192.168.0.2:${40000 + id}`, answered(id)));
  const server = ids.filter(reached).map((id, at) => seenAt(at + 1, id, time(id) + 0.0002, 62, `192.168.0.2:${40000 + id}`, answered(id)));
  return [server, pod, node];
}

test('the TTLs put the pod first and the server last, whatever order the captures come in', () => {
  const [server, pod, node] = threeCaptures([]);
  const result = correlatePath([{ name: 'server', capture: server }, { name: 'pod', capture: pod }, { name: 'node', capture: node }], null, 'en');
  assert.deepEqual(result.order.order, [1, 2, 0]);
  assert.equal(result.order.server, 0);
  assert.ok(result.order.links.every((link) => link.by === 'ttl'));
  assert.equal(result.rows.length, 6);
});

test('dropped-at-node: high when the uplink capture holds every passed attempt of the pod, medium when it misses one', () => {
  for (const [nodeMisses, confidence] of [[[], 'high'], [[2], 'medium']] as const) {
    const [server, pod, node] = threeCaptures(nodeMisses);
    const result = correlatePath([{ name: 'pod', capture: pod }, { name: 'node', capture: node }, { name: 'server', capture: server }], 2, 'en');
    const failed = result.rows.find((row) => row.attempt.client.port === 40004)!;
    assert.deepEqual(result.findings.get(failed.attempt.id), {
      cause: 'dropped-at-node', confidence, atServer: null,
      path: [step(0, true), step(1, false), step(2, false)].map((s, at) => (at === 0 ? { ...s, client: '10.244.1.7:40004', firstSynTime: T + 4 } : s)),
    }, `node misses ${nodeMisses.join(',') || 'nothing'}`);
    const diagnosis = result.correlation.diagnoses.find((d) => d.code === 'dropped-at-node')!;
    assert.deepEqual(diagnosis.handshakeIds, [failed.attempt.id]);
    assert.ok(diagnosis.evidence.some((e) => e.values.lastSeenCapture === 'pod' && e.values.missingCapture === 'node' && e.values.attempts === 1));
    assert.ok(diagnosis.fix!.commands.includes('conntrack -S'));
  }
});

test('a SYN the uplink capture holds and the server capture lacks is lost before the server, not dropped at the node', () => {
  const [server, pod, node] = threeCaptures([]);
  // The node forwarded connection 3's SYN; the server never got it.
  const lost = server.filter((a) => a.client.port !== 40003);
  const podLost = pod.map((a) => (a.client.port === 40003 ? { ...a, synAck: null, ack: null, verdict: 'fail' as const, outcome: 'no-reply' as const } : a));
  const nodeLost = node.map((a) => (a.client.port === 40003 ? { ...a, synAck: null, ack: null, verdict: 'fail' as const, outcome: 'no-reply' as const } : a));
  const result = correlatePath([{ name: 'pod', capture: podLost }, { name: 'node', capture: nodeLost }, { name: 'server', capture: lost }], 2, 'en');
  const row = result.rows.find((r) => r.attempt.client.port === 40003)!;
  assert.equal(result.findings.get(row.attempt.id)?.cause, 'lost-before-server');
  const hop = result.correlation.hops.find((h) => h.attemptId === row.attempt.id)!;
  assert.deepEqual([hop.code, hop.lastSeen.capture, hop.missing.capture], ['lost-before-server', 'node', 'server']);
});

/**
 * The SNAT race: pods a and b connect to one server from source port 40000 at the same moment; the node
 * lets b's SYN out with port 40000 and drops a's (its conntrack entry clashes), whose retransmission a
 * second later leaves with port 1025 and passes. `gapMs`: how long after a's first SYN b's left;
 * `retransmissionPort`: the NAT port a's retransmission left with.
 */
function snatRace(gapMs: number, retransmissionPort: number): HandshakeAttempt[][] {
  const base = (id: number, client: string, syns: Array<[number, number]>, ttl: number, isn: number): HandshakeAttempt =>
    ({ ...attempt({ id, client, isn, syns, synAckAt: syns[syns.length - 1][0] + 0.001, verdict: 'pass' }), ttl, vantage: 'unknown' });
  const b = T + gapMs / 1000;
  // Enough passed connections for the links to rest on (3 SYN pairs or more).
  const others = (ttl: number, client: string, delay: number) => [1, 2, 3].map((n) => base(10 + n, `${client}:${41000 + n}`, [[T + 10 + n + delay, 900 + n]], ttl, 700 + n));
  const podA = [base(1, '10.244.1.7:40000', [[T, 100], [T + 1, 101]], 64, 5001), ...others(64, '10.244.1.7', 0)];
  const podB = [base(1, '10.244.1.8:40000', [[b, 200]], 64, 6001)];
  const node = [base(1, '192.168.0.2:40000', [[b + 0.0001, 200]], 63, 6001), base(2, `192.168.0.2:${retransmissionPort}`, [[T + 1.0001, 101]], 63, 5001), ...others(63, '192.168.0.2', 0.0001)];
  const server = node.map((a) => ({ ...a, ttl: 62, syns: a.syns.map((s) => ({ ...s, time: s.time + 0.0001 })), synTime: a.synTime + 0.0001 }));
  return [podA, podB, node, server];
}

function raceResult(gapMs: number, retransmissionPort: number) {
  const [podA, podB, node, server] = snatRace(gapMs, retransmissionPort);
  const result = correlatePath([{ name: 'pod-a', capture: podA }, { name: 'pod-b', capture: podB }, { name: 'node', capture: node }, { name: 'server', capture: server }], 3, 'en');
  const slow = result.correlation.diagnoses.find((d) => d.code === 'slow-connect')!;
  const loser = result.rows.find((r) => r.attempt.client.port === 40000 && r.attempt.client.address === '10.244.1.7')!.attempt.id;
  return { slow, loser };
}

test('the SNAT race: a first SYN lost at the node while another pod\'s SYN left within milliseconds, retransmitted with another NAT port', () => {
  // 4.8 ms after the lost SYN (4.9 ms at the uplink): inside RACE_WINDOW_MS.
  assert.ok(raceResult(4.8, 1025).slow.evidence.some((e) => e.values.snatRaceAttempts === 1));
  const { slow, loser } = raceResult(0.3, 1025);
  assert.deepEqual(slow.handshakeIds, [loser]);
  assert.ok(slow.evidence.some((e) => e.values.group === 'dropped-at-node' && e.handshakeIds.includes(loser)));
  const race = slow.evidence.find((e) => e.values.snatRaceAttempts !== undefined);
  assert.deepEqual(race?.handshakeIds, [loser]);
  assert.ok(Number(race!.values.otherSynWithinMs) <= 0.5);
  assert.ok(slow.fix!.commands.includes('conntrack -S'));
});

test('not the SNAT race: the other SYN left long after, or the retransmission kept its port; the node still dropped the first SYN', () => {
  for (const [gapMs, port] of [[5.2, 1025], [50, 1025], [0.3, 40000]] as const) {
    const { slow, loser } = raceResult(gapMs, port);
    assert.ok(slow.evidence.some((e) => e.values.group === 'dropped-at-node' && e.handshakeIds.includes(loser)), `${gapMs} ms, port ${port}`);
    assert.ok(!slow.evidence.some((e) => e.values.snatRaceAttempts !== undefined), `${gapMs} ms, port ${port}`);
  }
});

test('two nodes against one server capture: each node\'s attempts reach the server through its own NAT address', () => {
  // Node 1 (192.168.0.2) carries pod 10.244.1.7, node 2 (192.168.0.3) pod 10.244.2.9; node 2 dropped its pod's third SYN.
  const pod = (node: number, ids: number[], dropped: number[]) => ids.map((id) => seenAt(id, node * 100 + id, T + id + node / 10, 64, `10.244.${node}.${node === 1 ? 7 : 9}:${40000 + id}`, !dropped.includes(id)));
  const uplink = (node: number, ids: number[], delay: number) => ids.map((id, at) => seenAt(at + 1, node * 100 + id, T + id + node / 10 + delay, 63, `192.168.0.${node + 1}:${40000 + id}`, true));
  const pod1 = pod(1, [1, 2, 3, 4], []);
  const pod2 = pod(2, [1, 2, 3, 4, 5], [3]);
  const node1 = uplink(1, [1, 2, 3, 4], 0.0001);
  const node2 = uplink(2, [1, 2, 4, 5], 0.0001);
  const server = [...uplink(1, [1, 2, 3, 4], 0.0002), ...uplink(2, [1, 2, 4, 5], 0.0002)]
    .sort((a, b) => a.synTime - b.synTime).map((a, at) => ({ ...a, id: at + 1, ttl: 62 }));
  const names = ['server', 'node-2', 'pod-1', 'node-1', 'pod-2'];
  const result = correlatePath([server, node2, pod1, node1, pod2].map((capture, at) => ({ name: names[at], capture })), null, 'en');
  assert.equal(result.order.server, 0);
  const downstream = (name: string) => [...result.order.downstreamOf[names.indexOf(name)]].map((i) => names[i]).sort();
  assert.deepEqual(downstream('pod-1'), ['node-1', 'server']);
  assert.deepEqual(downstream('pod-2'), ['node-2', 'server']);
  assert.equal(result.rows.length, 9);
  for (const row of result.rows) {
    const finding = result.findings.get(row.attempt.id)!;
    const node = row.attempt.client.address === '10.244.1.7' ? 'node-1' : 'node-2';
    assert.deepEqual(finding.path!.map((s) => names[s.capture]), [node === 'node-1' ? 'pod-1' : 'pod-2', node, 'server'], `row ${row.attempt.id}`);
    if (row.attempt.verdict === 'fail') assert.equal(finding.cause, 'dropped-at-node');
    else assert.equal(finding.atServer?.client, `192.168.0.${node === 'node-1' ? 2 : 3}:${row.attempt.client.port}`);
  }
});
