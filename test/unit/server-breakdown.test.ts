import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BREAKDOWN_ROWS, captureBreakdown, worseFirst, worstRows } from '../../src/server/captureBreakdown.js';
import { AttemptTally } from '../../src/analyzer/handshakes/summary.js';
import { analyseScenario } from './scenarioAnalysis.js';
import { recording } from './realRecording.js';

for (const scenario of ['story', 'healthy', 'one-clock-random-drops']) test(`breakdown: the server capture of ${scenario} shows as many clocks behind each address as hosts the simulator put there`, () => {
  const { truth, server } = analyseScenario(scenario);
  const breakdown = captureBreakdown(server.handshakes);
  const natAddresses = new Set(truth.hosts.map((host) => host.natAddress ?? host.address));
  assert.ok(natAddresses.size >= 1);
  for (const address of natAddresses) {
    const behind = truth.hosts.filter((host) => (host.natAddress ?? host.address) === address && host.timestamps);
    const row = breakdown.clients.find((r) => r.key === address);
    assert.ok(row, address);
    assert.deepEqual(row.clocks, behind.length > 1 ? { pattern: 'several-clocks', count: behind.length } : { pattern: 'single-clock', count: 1 });
  }
  assert.ok(breakdown.servers.every((row) => row.clocks === undefined), 'servers carry no clocks');
});

test('breakdown: a kernel with a random offset per connection gives no count', () => {
  // Linux 6.x (the real recordings): two pods masqueraded to the node's address, each connection its own offset.
  const rec = recording('clock-shift');
  const node = captureBreakdown(rec.load('server-side.pcap').handshakes);
  const row = node.clients.find((r) => r.key === rec.truth.nodeAddress)!;
  assert.equal(row.clocks?.pattern, 'per-connection');
  assert.equal(row.clocks?.count, 0);
});

test('breakdown: the rows kept in one pass are the first of a whole sort, ties broken by key', () => {
  // Deterministic rows with many ties in failed and attempts, in an order unrelated to the result.
  let seed = 7;
  const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31);
  for (const count of [0, 1, BREAKDOWN_ROWS - 1, BREAKDOWN_ROWS, BREAKDOWN_ROWS + 1, 5_000]) {
    const rows = Array.from({ length: count }, (_, i) => {
      const attempts = 1 + (next() % 6);
      return { key: `10.0.${next() % 256}.${i % 256}-${i}`, attempts, failed: next() % (attempts + 1) };
    });
    const sorted = [...rows].sort(worseFirst).slice(0, BREAKDOWN_ROWS);
    assert.deepEqual(worstRows(rows), sorted, `${count} rows`);
  }
});

test('breakdown and summary order ties alike, by text in code-unit order whatever the locale', () => {
  // ICU collation puts '[' before digits; code units put it after them.
  const texts = ['[2001:db8::1]:80', '10.0.0.9:80', '10.0.0.10:80'];
  const rows = texts.map((key) => ({ key, attempts: 3, failed: 1 }));
  assert.deepEqual([...rows].sort(worseFirst).map((row) => row.key), ['10.0.0.10:80', '10.0.0.9:80', '[2001:db8::1]:80']);
  const tally = new AttemptTally();
  for (const server of texts) tally.addServer(server, 3, 1);
  assert.deepEqual(tally.perServer().map((row) => row.server), [...rows].sort(worseFirst).map((row) => row.key));
});
