import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PawsStampTable } from '../../src/generator/scenario/pawsStampTable.js';
import { TsvalClock } from '../../src/generator/scenario/tsvalClock.js';
import { SeededRandom } from '../../src/generator/scenario/seededRandom.js';

const PEER = '192.168.0.2';

test('a SYN older than the stamp by more than TCP_PAWS_WINDOW is dropped while the stamp is fresh', () => {
  const table = new PawsStampTable(true);
  table.remember(PEER, 5000, 100, 100, 1);
  assert.equal(table.check(PEER, 5000, 110).accepted, true);
  assert.equal(table.check(PEER, 4999, 110).accepted, true); // within the window of 1
  const dropped = table.check(PEER, 4998, 110);
  assert.equal(dropped.accepted, false);
  assert.deepEqual(dropped.accepted ? null : [dropped.reason, dropped.stamp.setByAttempt], ['older-tsval', 1]);
  assert.equal(table.check(PEER, 4997, 159).accepted, false); // 59 s old: still fresh
  assert.equal(table.check(PEER, 4997, 160).accepted, true); // TCP_PAWS_MSL reached
  assert.equal(table.check('10.0.0.1', 1, 110).accepted, true); // another peer has no stamp
  assert.equal(table.pawsPassiveRejected, 2);
});

test('comparisons are modulo 2^32: a TSval just past the wrap is newer', () => {
  const table = new PawsStampTable(true);
  table.remember(PEER, 0xfffffff0, 100, 100, 1);
  assert.equal(table.check(PEER, 0x10, 101).accepted, true);
  assert.equal(table.check(PEER, 0xffff0000, 101).accepted, false);
});

test('since 3.17 a SYN without timestamps is dropped while a fresh stamp exists; before, it passes', () => {
  const current = new PawsStampTable(true);
  current.remember(PEER, 5000, 100, 100, 1);
  assert.deepEqual(current.check(PEER, undefined, 120), { accepted: false, stamp: { ts: 5000, when: 100, setByAttempt: 1 }, reason: 'no-timestamp' });
  const older = new PawsStampTable(false);
  older.remember(PEER, 5000, 100, 100, 1);
  assert.equal(older.check(PEER, undefined, 120).accepted, true);
});

test('the stored stamp only moves forward unless it is more than 60 s old', () => {
  const table = new PawsStampTable(true);
  table.remember(PEER, 9000, 100, 100, 1);
  table.remember(PEER, 2000, 130, 130, 2); // older TSval, stamp 30 s old: kept
  assert.equal(table.check(PEER, 8000, 131).accepted, false);
  table.remember(PEER, 9500, 135, 135, 3); // newer: replaces
  const after = table.check(PEER, 9200, 136);
  assert.equal(after.accepted ? 0 : after.stamp.setByAttempt, 3);
  table.remember(PEER, 2000, 196, 196, 4); // the 9500 stamp is 61 s old: replaced by the lower clock
  assert.equal(table.check(PEER, 2500, 197).accepted, true);
  assert.equal(table.check(PEER, 1000, 197).accepted, false);
});

test('TSval clocks: 1 kHz from the uptime, wrapping; per-connection offsets kept by retransmissions', () => {
  const host = new TsvalClock({ startTicks: 0xffffff00, offsetScope: 'host' }, new SeededRandom(1));
  assert.equal(host.tsvalAt(1_000_000, 'a', 'b', 1, 2), (0xffffff00 + 1000) >>> 0);
  assert.equal(host.tsvalAt(1_000_000, 'a', 'b', 1, 2), host.tsvalAt(1_000_000, 'a', 'b', 3, 2));
  const modern = new TsvalClock({ startTicks: 0, offsetScope: 'connection' }, new SeededRandom(1));
  const first = modern.tsvalAt(0, 'a', 'b', 40000, 3306);
  assert.equal(modern.tsvalAt(1_000_000, 'a', 'b', 40000, 3306), (first + 1000) >>> 0);
  assert.notEqual(modern.tsvalAt(0, 'a', 'b', 40001, 3306), first);
  const pair = new TsvalClock({ startTicks: 0, offsetScope: 'address-pair' }, new SeededRandom(1));
  assert.equal(pair.tsvalAt(0, 'a', 'b', 40000, 3306), pair.tsvalAt(0, 'a', 'b', 40001, 3306));
  const jiffies = new TsvalClock({ startTicks: 0, hz: 250 }, new SeededRandom(1));
  assert.equal(jiffies.tsvalAt(2_000_000, 'a', 'b', 1, 2), 500);
});
