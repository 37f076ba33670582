/**
 * test/fixtures/real/two-nodes/ (tools/realcapture/two-nodes.sh): two nodes, each with two pods and its
 * own MASQUERADE address, connecting through one router to the same server; every pod, both nodes'
 * uplinks and the server captured at once. SYNs are dropped by node 1's FORWARD chain (pod-a, source
 * ports 62000-62099), by node 2's (pod-c, 62200-62299), by the router (62100-62199), by the server's
 * INPUT chain (61000-61099), and port 3307 is closed. What each capture holds of each SYN comes from
 * truth.json (the sockets and tshark), never from the analyzer. Run as `analyze pod-a … node1-side
 * node2-side --server server-side` runs it: the bundled command line.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import type { HandshakeJson, ReportJson } from '../../src/analyzer/report.js';
import { correlatePath } from '../../src/analyzer/correlation/correlatePath.js';
import { runCli } from './cliRun.js';
import { assertAttemptsMatchSockets, recording, type RecordingTruth, type SocketTruth } from './realRecording.js';

const rec = recording('two-nodes');
const truth = rec.truth as RecordingTruth & { nodes: Record<string, { address: string; pods: string[] }> };
const DIR = join(__dirname, '../fixtures/real/two-nodes');
const PODS = ['pod-a.pcap', 'pod-b.pcap', 'pod-c.pcap', 'pod-d.pcap'];
const NODES = ['node1-side.pcap', 'node2-side.pcap'];
const SERVER = 'server-side.pcap';

/** The node a pod sits behind, by the recording's topology. */
function nodeOf(connection: SocketTruth): string {
  return Object.keys(truth.nodes).find((node) => truth.nodes[node].pods.includes(connection.pod))!;
}

/** The connection a row is: the row's client is the pod's own address and port (each pod is captured). */
function connectionOfRow(row: HandshakeJson): SocketTruth {
  const found = truth.connections.filter((c) => c.local === row.client && c.destination === row.server);
  assert.equal(found.length, 1, `row ${row.id} (${row.client}) is one connection of truth.json`);
  return found[0];
}

/** The cause the sockets and tshark call for, and the first point on the pod's path that holds no SYN of it. */
function expected(connection: SocketTruth): { cause: string | null; missing: string | null } {
  if (connection.connect === 'ok') return { cause: null, missing: null };
  if (connection.connect === 'ECONNREFUSED') return { cause: 'refused', missing: null };
  const path = [`${connection.pod}.pcap`, nodeOf(connection), SERVER];
  const missing = path.find((capture) => connection.synsSeen[capture].transmissions === 0) ?? null;
  if (missing === null) return { cause: 'dropped-at-server', missing: null };
  return { cause: missing === SERVER ? 'lost-before-server' : 'dropped-at-node', missing };
}

function analysed(args: string[]): ReportJson {
  const result = runCli(['analyze', ...args.map((arg) => (arg.startsWith('--') ? arg : join(DIR, arg))), '--format', 'json']);
  assert.equal(result.status, 0, result.stderr);
  return JSON.parse(result.stdout) as ReportJson;
}

test('two-nodes recording: each fault stops the SYNs at its own hop, on its own node', () => {
  const port = (c: SocketTruth) => Number(c.local.slice(c.local.lastIndexOf(':') + 1));
  for (const c of truth.connections) {
    const { missing } = expected(c);
    if (port(c) >= 62000 && port(c) <= 62099) assert.equal(missing, 'node1-side.pcap', c.local);
    else if (port(c) >= 62200 && port(c) <= 62299) assert.equal(missing, 'node2-side.pcap', c.local);
    else if (port(c) >= 62100 && port(c) <= 62199) assert.equal(missing, SERVER, c.local);
    else assert.equal(missing, null, c.local);
  }
  // Node 2's FORWARD drops, and passing attempts from both nodes.
  assert.ok(truth.connections.filter((c) => c.pod === 'pod-c' && expected(c).missing === 'node2-side.pcap').length >= 2);
  for (const node of NODES) assert.ok(truth.connections.some((c) => nodeOf(c) === node && c.connect === 'ok'), node);
});

test('two-nodes: every capture\'s attempts are the connections it saw, with their sockets\' verdicts and SYN counts', () => {
  for (const capture of truth.captures) assertAttemptsMatchSockets(rec, capture, rec.load(capture).handshakes);
});

test('two-nodes: analyze pods, both nodes --server server gives one row per attempt, matched through each node\'s NAT address, each failure at its hop', () => {
  const captures = [...PODS, ...NODES, SERVER];
  const report = analysed([...PODS, ...NODES, '--server', SERVER]);
  assert.equal(report.handshakes.length, truth.connections.length, 'one row per attempt');
  const rowsOf = new Map<SocketTruth, number>();
  for (const row of report.handshakes) {
    const connection = connectionOfRow(row);
    rowsOf.set(connection, (rowsOf.get(connection) ?? 0) + 1);
    const what = `${connection.local} (${connection.connect})`;
    const want = expected(connection);
    assert.equal(row.cause ?? null, want.cause, what);
    // Every attempt the server holds is matched to it through its own node's MASQUERADE address.
    const nat = truth.nodes[nodeOf(connection)].address;
    if (connection.synsSeen[SERVER].transmissions > 0) {
      assert.ok(row.atServer, `${what}: matched at the server`);
      assert.equal(row.atServer.client.slice(0, row.atServer.client.lastIndexOf(':')), nat, `${what}: through ${nat}`);
    } else {
      assert.equal(row.atServer, null, `${what}: not at the server`);
    }
    // The path: the pod, its own node (never the other), the server; seen where tshark saw the SYN.
    const steps = (row.path ?? []).map((step) => ({ capture: captures[step.capture], seen: step.seen }));
    const wantSteps = [`${connection.pod}.pcap`, nodeOf(connection), SERVER].map((capture) => ({ capture, seen: connection.synsSeen[capture].transmissions > 0 }));
    assert.deepEqual(steps, wantSteps, `${what}: path`);
    if (want.missing !== null) assert.equal(steps.find((step) => !step.seen)?.capture, want.missing, `${what}: hop`);
  }
  assert.ok([...rowsOf.values()].every((count) => count === 1), 'no connection is two rows');
  const nodeDrops = report.diagnoses.find((d) => d.code === 'dropped-at-node');
  assert.ok(nodeDrops, report.diagnoses.map((d) => d.code).join(', '));
  const dropped = truth.connections.filter((c) => expected(c).cause === 'dropped-at-node');
  assert.deepEqual(new Set(nodeDrops.handshakeIds.map((id) => connectionOfRow(report.handshakes.find((h) => h.id === id)!).local)), new Set(dropped.map((c) => c.local)));
});

test('two-nodes: without --server the server and each pod\'s node are found, whatever order the captures are given in', () => {
  for (const captures of [
    [...PODS, ...NODES, SERVER],
    [SERVER, 'node2-side.pcap', 'pod-d.pcap', 'node1-side.pcap', 'pod-a.pcap', 'pod-c.pcap', 'pod-b.pcap'],
    ['node1-side.pcap', 'pod-c.pcap', SERVER, 'node2-side.pcap', 'pod-a.pcap'],
  ]) {
    const { order } = correlatePath(captures.map((name) => ({ name, capture: rec.load(name) })), null, 'en');
    const names = order.order.map((i) => captures[i]);
    assert.equal(captures[order.server], SERVER, captures.join(', '));
    assert.equal(names[names.length - 1], SERVER, names.join(' → '));
    for (const pod of PODS.filter((p) => captures.includes(p))) {
      const node = Object.keys(truth.nodes).find((n) => truth.nodes[n].pods.includes(pod.replace('.pcap', '')))!;
      const downstream = [...order.downstreamOf[captures.indexOf(pod)]].map((i) => captures[i]);
      assert.ok(downstream.includes(node) && downstream.includes(SERVER), `${pod} → ${node} → server: ${downstream.join(', ')}`);
      const other = NODES.find((n) => n !== node)!;
      assert.ok(!downstream.includes(other), `${pod} is not behind ${other}`);
    }
    // The CLI finds the same server: its capture gets the server role.
    const report = analysed(captures);
    assert.deepEqual(report.captures.filter((c) => c.role === 'server').map((c) => c.path.split('/').pop()), [SERVER]);
  }
});
