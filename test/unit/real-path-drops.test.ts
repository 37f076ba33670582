/**
 * test/fixtures/real/path-drops/ (tools/realcapture/path-drops.sh): two pods, the node's uplink and a
 * `tcpdump -i any` on the node, a router and the server captured at once, with SYNs dropped by the node's
 * FORWARD chain (pod-a, source ports 62000-62099), by the router (62100-62199), by the server's INPUT
 * chain (61000-61099), and one port closed. What each capture point holds of each SYN comes from
 * truth.json (tshark), never from the analyzer: the path of every attempt and where it stopped follow.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { correlatePath, type PathCorrelation } from '../../src/analyzer/correlation/correlatePath.js';
import type { CaptureSide } from '../../src/analyzer/diagnosis/captureSide.js';
import { connectionOf, recording, type SocketTruth } from './realRecording.js';

const rec = recording('path-drops');
const { truth } = rec;
const SERVER = 'server-side.pcap';

/** A capture point as the recording's topology places it: the pod's, the node's before and after NAT, the router's, the server's. */
interface TruthPoint {
  capture: string;
  side: 'before-nat' | 'after-nat' | null;
}

/** The points of a pod's connections, in path order, among the captures given. */
function truthPath(connection: SocketTruth, captures: readonly string[]): TruthPoint[] {
  const points: TruthPoint[] = [
    { capture: `${connection.pod}.pcap`, side: null },
    { capture: 'node-any.pcap', side: 'before-nat' }, { capture: 'node-any.pcap', side: 'after-nat' },
    { capture: 'node-side.pcap', side: null }, { capture: 'router-side.pcap', side: null }, { capture: SERVER, side: null },
  ];
  return points.filter((p) => captures.includes(p.capture));
}

/** Whether the capture point holds the connection's SYN, by tshark: in node-any, before NAT with the pod's address, after it with the node's. */
function seenAt(connection: SocketTruth, point: TruthPoint): boolean {
  const sighting = connection.synsSeen[point.capture];
  if (point.side === null) return sighting.transmissions > 0;
  const podAddress = connection.local.slice(0, connection.local.lastIndexOf(':'));
  return (sighting.sources ?? []).some((source) => source.startsWith(`${point.side === 'before-nat' ? podAddress : truth.nodeAddress}:`));
}

/** The cause the truth calls for, and between which points the SYN stopped. */
function expected(connection: SocketTruth, captures: readonly string[]): { cause: string | null; hop: [string, string] | null } {
  if (connection.connect === 'ok') return { cause: null, hop: null };
  if (connection.connect === 'ECONNREFUSED') return { cause: 'refused', hop: null };
  const path = truthPath(connection, captures);
  const missing = path.findIndex((p) => !seenAt(connection, p));
  if (missing < 0) return { cause: 'dropped-at-server', hop: null };
  const label = (p: TruthPoint) => `${p.capture}${p.side ? ` ${p.side}` : ''}`;
  const hop: [string, string] = [label(path[missing - 1]), label(path[missing])];
  return { cause: path[missing].capture === SERVER ? 'lost-before-server' : 'dropped-at-node', hop };
}

function analyse(captures: readonly string[], server: string | null, replace: Record<string, CaptureSide> = {}): PathCorrelation {
  return correlatePath(captures.map((name) => ({ name, capture: replace[name] ?? rec.load(name) })), server === null ? null : captures.indexOf(server), 'en');
}

function hopOf(result: PathCorrelation, id: number): [string, string] | null {
  const hop = result.correlation.hops.find((h) => h.attemptId === id && h.code !== 'reply-lost');
  const label = (p: { capture: string; side: string | null }) => `${p.capture}${p.side ? ` ${p.side}` : ''}`;
  return hop ? [label(hop.lastSeen), label(hop.missing)] : null;
}

/** Every row is one connection, every connection a client-side capture holds is one row, and each gets its cause and hop. */
function assertRowsAndCauses(captures: readonly string[], server: string | null): void {
  const result = analyse(captures, server);
  const clientSide = captures.filter((c) => c !== SERVER);
  const held = truth.connections.filter((c) => clientSide.some((capture) => c.synsSeen[capture].transmissions > 0));
  assert.equal(result.rows.length, held.length, `${captures.join(', ')}: one row per attempt`);
  const rowsOf = new Map<SocketTruth, number>();
  for (const { attempt } of result.rows) {
    const connection = connectionOf(truth, attempt);
    rowsOf.set(connection, (rowsOf.get(connection) ?? 0) + 1);
    const want = expected(connection, captures);
    const finding = result.findings.get(attempt.id);
    const what = `${captures.join(', ')}: ${connection.local} (${connection.connect})`;
    assert.equal(finding?.cause ?? null, want.cause, what);
    if (want.hop) assert.deepEqual(hopOf(result, attempt.id), want.hop, `${what}: hop`);
    // The path: every point the topology puts on its way, seen where tshark saw the SYN.
    const steps = (finding?.path ?? []).map((s) => ({ capture: captures[s.capture], side: s.side, seen: s.seen }));
    assert.deepEqual(steps, truthPath(connection, captures).map((p) => ({ ...p, seen: seenAt(connection, p) })), `${what}: path`);
    // The row is the attempt as seen nearest the client: the pod's own address when a pod capture holds it.
    if (clientSide.includes(`${connection.pod}.pcap`)) assert.equal(`${attempt.client.address}:${attempt.client.port}`, connection.local, `${what}: client`);
  }
  assert.ok([...rowsOf.values()].every((count) => count === 1), 'no connection is two rows');
}

test('path-drops recording: each fault stops the SYNs at its own hop', () => {
  const stopsAt = (c: SocketTruth) => expected(c, truth.captures).hop?.[1] ?? null;
  const port = (c: SocketTruth) => Number(c.local.slice(c.local.lastIndexOf(':') + 1));
  for (const c of truth.connections) {
    if (port(c) >= 62000 && port(c) <= 62099) assert.equal(stopsAt(c), 'node-any.pcap after-nat', c.local);
    else if (port(c) >= 62100 && port(c) <= 62199) assert.equal(stopsAt(c), 'router-side.pcap', c.local);
    else if (port(c) >= 61000 && port(c) <= 61099) assert.equal(expected(c, truth.captures).cause, 'dropped-at-server', c.local);
    else assert.equal(stopsAt(c), null, c.local);
  }
  assert.ok(truth.connections.some((c) => port(c) >= 62000 && port(c) <= 62099 && c.connect === 'gave-up'));
});

test('path-drops: pods, node uplink and server in path order without --server, whatever order they are given in', () => {
  for (const captures of [
    ['pod-a.pcap', 'pod-b.pcap', 'node-side.pcap', SERVER],
    [SERVER, 'node-side.pcap', 'pod-b.pcap', 'pod-a.pcap'],
    ['node-side.pcap', SERVER, 'pod-a.pcap'],
    ['node-any.pcap', SERVER, 'pod-b.pcap', 'pod-a.pcap'],
  ]) {
    const { order } = analyse(captures, null);
    const names = order.order.map((i) => captures[i]);
    assert.equal(captures[order.server], SERVER, captures.join(', '));
    assert.equal(names[names.length - 1], SERVER);
    const node = names.findIndex((n) => n.startsWith('node-'));
    for (const pod of ['pod-a.pcap', 'pod-b.pcap'].filter((p) => captures.includes(p))) assert.ok(names.indexOf(pod) < node, `${pod} before the node: ${names.join(' → ')}`);
  }
});

test('path-drops: with the router, the node uplink comes before the router, and --server names the server', () => {
  const captures = [SERVER, 'router-side.pcap', 'pod-a.pcap', 'node-side.pcap', 'pod-b.pcap'];
  const { order } = analyse(captures, SERVER);
  assert.deepEqual(order.order.map((i) => captures[i]).slice(2), ['node-side.pcap', 'router-side.pcap', SERVER]);
});

test('path-drops: pods, node uplink, router, server: one row per attempt, each failure at its hop', () => {
  assertRowsAndCauses(['pod-a.pcap', 'pod-b.pcap', 'node-side.pcap', 'router-side.pcap', SERVER], SERVER);
});

test('path-drops: pods, node uplink, server: the router\'s drops are lost before the server, the node\'s dropped at the node', () => {
  assertRowsAndCauses(['pod-a.pcap', 'pod-b.pcap', 'node-side.pcap', SERVER], null);
});

test('path-drops: a tcpdump -i any on the node is two points, before and after NAT', () => {
  assertRowsAndCauses(['pod-a.pcap', 'pod-b.pcap', 'node-any.pcap', SERVER], null);
  assertRowsAndCauses(['pod-a.pcap', 'node-any.pcap', SERVER], null);
});

test('path-drops: with only a pod and the server, a SYN the node dropped stays lost before the server', () => {
  const result = analyse(['pod-a.pcap', SERVER], null);
  const nodeDropped = result.rows.filter((r) => connectionOf(truth, r.attempt).local.match(/:6200\d$/));
  assert.equal(nodeDropped.length, 2);
  for (const row of nodeDropped) assert.equal(result.findings.get(row.attempt.id)?.cause, 'lost-before-server');
  assert.ok(!result.correlation.diagnoses.some((d) => d.code === 'dropped-at-node'));
});

test('path-drops: an uplink capture that stopped before the SYNs is not evidence they were dropped at the node', () => {
  const uplink = rec.load('node-side.pcap');
  const firstDropped = Math.min(...truth.connections.filter((c) => c.local.endsWith(':62000')).map((c) => c.started));
  // The same capture, as if tcpdump had been stopped just before pod-a's first SYN from port 62000.
  const stopped: CaptureSide = { handshakes: uplink.handshakes.filter((a) => a.synTime < firstDropped - 0.005), summary: { start: uplink.summary.start, end: firstDropped - 0.005 } };
  const captures = ['pod-a.pcap', 'pod-b.pcap', 'node-side.pcap', SERVER];
  const result = analyse(captures, null, { 'node-side.pcap': stopped });
  for (const row of result.rows.filter((r) => /:6200\d$/.test(connectionOf(truth, r.attempt).local))) {
    const finding = result.findings.get(row.attempt.id)!;
    assert.equal(finding.cause, 'lost-before-server');
    assert.ok(!finding.path!.some((s) => captures[s.capture] === 'node-side.pcap'), 'the stopped capture is not on its path');
  }
});

test('path-drops: offsets of every capture against the first, all on one clock here', () => {
  const captures = ['pod-a.pcap', 'pod-b.pcap', 'node-any.pcap', 'node-side.pcap', 'router-side.pcap', SERVER];
  const { clocks } = analyse(captures, SERVER);
  for (const [index, clock] of clocks.entries()) {
    assert.ok(clock !== null, captures[index]);
    // One machine's namespaces: the offset is the path delay, well under a millisecond.
    assert.ok(Math.abs(clock.offsetMs) < 1, `${captures[index]}: ${clock.offsetMs} ms`);
  }
});

test('clock-shift along the path: the server capture 37.5 s ahead is found so, through the node\'s capture for the other pod', () => {
  const shifted = recording('clock-shift');
  const captures = ['pod-a.pcap', 'pod-b.pcap', 'node-side.pcap', 'server-side-shifted.pcap'];
  const result = correlatePath(captures.map((name) => ({ name, capture: shifted.load(name) })), null, 'en');
  const shift = shifted.truth.serverClockShiftSeconds! * 1000;
  assert.ok(Math.abs(result.clocks[3]!.offsetMs - shift) < 1, `${result.clocks[3]!.offsetMs} ms`);
  for (const index of [1, 2]) assert.ok(Math.abs(result.clocks[index]!.offsetMs) < 1, captures[index]);
  // The rows are set against the shifted capture in the first capture's clock: every one found there.
  for (const row of result.rows) if (row.attempt.verdict === 'pass') assert.equal(result.findings.get(row.attempt.id)?.atServer?.seen, true);
});
