import { test } from 'node:test';
import assert from 'node:assert/strict';
import { addressKey, inferClocks, interceptOrder, linesAtRate, ratesByAttempt } from '../../src/analyzer/diagnosis/timestampClocks.js';
import { captureBreakdown } from '../../src/server/captureBreakdown.js';
import { captureCharts } from '../../src/server/captureCharts.js';
import { attempt } from './attemptSketch.js';

const T0 = 1_700_000_000;

/** One SYN every `every` seconds from `host` (a clock of `rate` Hz starting at `base`), id from `firstId`. */
function host(firstId: number, count: number, base: number, rate: number, start: number, every: number, address = '192.168.0.2') {
  return Array.from({ length: count }, (_, i) => {
    const time = start + i * every;
    return attempt({ id: firstId + i, client: `${address}:${40000 + firstId + i}`, syns: [[time, Math.floor(base + (time - T0) * rate) >>> 0]] });
  });
}

test('three hosts behind one address, one of them at 250 Hz, are three clocks', () => {
  const attempts = [
    ...host(1, 10, 5_000_000, 1000, T0, 3.1),
    ...host(20, 10, 2_000_000_000, 1000, T0 + 1, 2.9),
    ...host(40, 10, 70_000, 250, T0 + 0.5, 3.3),
  ];
  const [clocks] = inferClocks(attempts);
  assert.equal(clocks.pattern, 'several-clocks');
  assert.deepEqual(clocks.clocks.map((c) => [c.rateHz, c.attemptIds.length]).sort(), [[1000, 10], [1000, 10], [250, 10]]);
  assert.deepEqual(clocks.loneAttemptIds, []);
});

test('a clock that wraps past 2^32 stays one line', () => {
  const attempts = host(1, 8, 2 ** 32 - 4000, 1000, T0, 1);
  const [clocks] = inferClocks(attempts);
  assert.equal(clocks.pattern, 'single-clock');
  assert.equal(clocks.clocks.length, 1);
});

test('per-connection random offsets are recognised and not counted as hosts', () => {
  const attempts = Array.from({ length: 12 }, (_, i) => attempt({
    id: i + 1, client: `10.0.0.5:${41000 + i}`,
    syns: [[T0 + i, (i * 2_654_435_761) >>> 0], [T0 + i + 1, ((i * 2_654_435_761) + 1000) >>> 0]],
  }));
  const [clocks] = inferClocks(attempts);
  assert.equal(clocks.pattern, 'per-connection');
  assert.equal(clocks.clocks.length, 0);
  assert.equal(clocks.loneAttemptIds.length, 12);
});

test('addresses are counted separately, and SYNs without timestamps are ignored', () => {
  const attempts = [...host(1, 4, 1_000, 1000, T0, 1, '10.0.0.1'), ...host(10, 4, 9_000_000, 1000, T0, 1, '10.0.0.2'),
    attempt({ id: 30, client: '10.0.0.3:5000', syns: [[T0, null]] })];
  const clocks = inferClocks(attempts);
  assert.deepEqual(clocks.map((c) => [c.address, c.pattern]), [['10.0.0.1', 'single-clock'], ['10.0.0.2', 'single-clock']]);
});

const point = (attemptId: number, time: number, tsval: number) => ({ attemptId, time, tsval });
type Point = ReturnType<typeof point>;

/** linesAtRate on the points as columns, its lines mapped back to the points. */
function lines(points: Point[], rateHz: number, t0: number): Point[][] {
  const columns = { attemptIds: points.map((p) => p.attemptId), times: points.map((p) => p.time), tsvals: points.map((p) => p.tsval) };
  return linesAtRate(columns, points.map((_, i) => i), rateHz, t0).map((line) => line.map((i) => points[i]));
}

test('a rate groups only points on one line: lone points are no line, and nothing is drawn from points far apart', () => {
  const onLine = [point(1, T0, 5_000), point(2, T0 + 2, 7_000), point(3, T0 + 5, 10_000)];
  const strays = [point(4, T0 + 1, 900_000), point(5, T0 + 3, 3_000_000)];
  assert.deepEqual(lines([...strays, ...onLine], 1000, T0), [onLine]);
  assert.deepEqual(lines(strays, 1000, T0), []);
  assert.deepEqual(lines([point(1, T0, 5_000)], 1000, T0), []);
});

test('two lone points at either end of the intercepts, within the tolerance across 2^32, are one line', () => {
  const below = point(1, T0, 2 ** 32 - 10);
  const above = point(2, T0 + 1, 1_000 + 5);
  const middle = point(3, T0, 2 ** 31);
  assert.deepEqual(lines([below, middle, above], 1000, T0), [[above, below]]);
});

test('the intercept order keeps equal intercepts in index order, packed or compared', () => {
  const intercepts = Float64Array.from([7, 2 ** 32 - 1, 3, 7, 0, 3, 2 ** 32 - 1]);
  const expected = [4, 2, 5, 0, 3, 1, 6];
  assert.deepEqual(Array.from(interceptOrder(intercepts)), expected);
  assert.deepEqual(Array.from(interceptOrder(intercepts, 4)), expected);
});

test('the intercept order of many points, sorted natively, is that of the comparator', () => {
  const intercepts = Float64Array.from({ length: 500 }, (_, i) => ((i * 2_654_435_761) >>> 0) % 97);
  assert.deepEqual(Array.from(interceptOrder(intercepts)), Array.from(interceptOrder(intercepts, 0)));
});

test('an address with one connection, retransmitted or not, is not listed, and reads as too-few everywhere', () => {
  const attempts = [
    attempt({ id: 1, client: '10.0.0.1:5000', syns: [[T0, 1_000], [T0 + 1, 2_000]] }),
    ...host(2, 3, 9_000_000, 250, T0, 1, '10.0.0.2'),
    attempt({ id: 5, client: '10.0.0.3:5000', syns: [[T0 + 2, 77]] }),
  ];
  const clocks = inferClocks(attempts);
  assert.deepEqual(clocks.map((c) => [c.address, c.pattern, c.connections]), [['10.0.0.2', 'single-clock', 3]]);
  const rateOf = ratesByAttempt(clocks);
  assert.deepEqual([0, 1, 2, 3, 4, 5, 6].map(rateOf), [1000, 1000, 250, 250, 250, 1000, 1000]);
  const rows = captureBreakdown(attempts).clients;
  assert.deepEqual(rows.map((row) => [row.key, row.clocks]), [
    ['10.0.0.2', { pattern: 'single-clock', count: 1 }], ['10.0.0.1', { pattern: 'too-few', count: 0 }], ['10.0.0.3', { pattern: 'too-few', count: 0 }],
  ]);
  // Each address draws its series, in the order of its first SYN with a TSval.
  const series = captureCharts(attempts, T0, T0 + 3).tsval;
  assert.deepEqual(series.map((s) => [s.label, s.clock, s.rateHz, s.totalPoints]), [['10.0.0.1', null, null, 2], ['10.0.0.2', 1, 250, 3], ['10.0.0.3', null, null, 1]]);
});

test('an address is ordered by its first SYN with a TSval, in the charts as in the clocks', () => {
  const attempts = [
    attempt({ id: 1, client: '10.0.0.9:5000', syns: [[T0, null]] }),
    attempt({ id: 2, client: '10.0.0.8:5000', syns: [[T0 + 0.5, 500]] }),
    attempt({ id: 3, client: '10.0.0.9:5001', syns: [[T0 + 1, 1_000]] }),
  ];
  assert.deepEqual(inferClocks(attempts), []);
  assert.deepEqual(captureCharts(attempts, T0, T0 + 1).tsval.map((s) => [s.label, s.totalPoints]), [['10.0.0.8', 1], ['10.0.0.9', 1]]);
});

test('two connections on one line are one clock; two on no shared line are two', () => {
  const [one] = inferClocks(host(1, 2, 5_000, 1000, T0, 10));
  assert.deepEqual([one.pattern, one.connections, one.clocks.map((c) => c.attemptIds), one.loneAttemptIds], ['single-clock', 2, [[1, 2]], []]);
  const apart = [
    attempt({ id: 1, client: '192.168.0.2:40001', syns: [[T0, 5_000]] }),
    attempt({ id: 2, client: '192.168.0.2:40002', syns: [[T0 + 10, 3_000_000_000]] }),
  ];
  const [two] = inferClocks(apart);
  assert.deepEqual([two.pattern, two.connections, two.clocks, two.loneAttemptIds], ['several-clocks', 2, [], [1, 2]]);
  assert.deepEqual([1, 2].map(ratesByAttempt([two])), [1000, 1000]);
});

test('an IPv4 address is keyed by its 32 bits, and no two texts share a key', () => {
  assert.equal(addressKey('10.0.0.1'), 0x0a000001);
  assert.equal(addressKey('255.255.255.255'), -1);
  assert.equal(addressKey('0.0.0.0'), 0);
  for (const text of ['10.0.0.01', '10.0.0', '10.0.0.1.', '.10.0.0.1', '10..0.1', '256.0.0.1', '1000.0.0.1', '::1', '::ffff:10.0.0.1', '2001:db8::1', '']) {
    assert.equal(addressKey(text), text, text);
  }
});
