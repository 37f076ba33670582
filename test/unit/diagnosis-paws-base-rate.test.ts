import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fisherOneSidedGreater, logFactorial } from '../../src/analyzer/diagnosis/fisherExact.js';
import { assessPaws } from '../../src/analyzer/diagnosis/pawsAssessment.js';
import { BASE_RATE_MAX, DECISIVE_P } from '../../src/analyzer/diagnosis/pawsBaseRate.js';
import { replayPaws } from '../../src/analyzer/diagnosis/pawsReplay.js';
import { kernelVariant } from '../../src/analyzer/diagnosis/pawsVariant.js';
import type { SynPrediction } from '../../src/analyzer/diagnosis/pawsReplay.js';
import { stampedServer, T0, type StampedServer } from './pawsServerSketch.js';

const assess = (shape: StampedServer) => assessPaws(replayPaws(stampedServer(shape), T0), 'server');

test('logFactorial: exact sums below the cut, Stirling above it, continuous across', () => {
  assert.equal(logFactorial(0), 0);
  assert.equal(logFactorial(1), 0);
  assert.ok(Math.abs(logFactorial(10) - Math.log(3628800)) < 1e-12);
  let sum = 0;
  for (let n = 2; n <= 300; n++) sum += Math.log(n);
  assert.ok(Math.abs(logFactorial(300) - sum) < 1e-9, `${logFactorial(300)} vs ${sum}`);
  assert.ok(Math.abs(logFactorial(257) - logFactorial(256) - Math.log(257)) < 1e-9);
  assert.throws(() => logFactorial(-1), RangeError);
  assert.throws(() => logFactorial(1.5), RangeError);
});

test('Fisher one-sided: the hypergeometric upper tail, exact against hand-computed values', () => {
  // 1 / C(12, 6) and 1 / C(13, 6)
  assert.ok(Math.abs(fisherOneSidedGreater({ a: 6, b: 0, c: 0, d: 6 }) - 1 / 924) < 1e-15);
  assert.ok(Math.abs(fisherOneSidedGreater({ a: 6, b: 0, c: 0, d: 7 }) - 1 / 1716) < 1e-15);
  // 3 drops against 1 pass: 1 / C(4, 3)
  assert.ok(Math.abs(fisherOneSidedGreater({ a: 3, b: 0, c: 0, d: 1 }) - 0.25) < 1e-15);
  // The textbook tea-tasting table [[3, 1], [1, 3]]: P = 17/70
  assert.ok(Math.abs(fisherOneSidedGreater({ a: 3, b: 1, c: 1, d: 3 }) - 17 / 70) < 1e-15);
  // Equal rates: no evidence at all
  assert.ok(fisherOneSidedGreater({ a: 20, b: 5, c: 20, d: 5 }) > 0.5);
  // An empty row or column proves nothing
  assert.equal(fisherOneSidedGreater({ a: 5, b: 0, c: 0, d: 0 }), 1);
  assert.equal(fisherOneSidedGreater({ a: 0, b: 5, c: 0, d: 5 }), 1);
  // Large tables stay finite and tiny
  const large = fisherOneSidedGreater({ a: 100_000, b: 10, c: 20, d: 300_000 });
  assert.ok(large >= 0 && large < 1e-300);
  assert.throws(() => fisherOneSidedGreater({ a: -1, b: 0, c: 0, d: 0 }), RangeError);
});

test(`decisive at its edge: p < ${DECISIVE_P} — six drops against seven passes blame, against six they cannot`, () => {
  const six = assess({ dropsUnanswered: 6, passesAnswered: 6 });
  assert.deepEqual([six.consistency, six.cannotJudge, six.confidence], ['cannot-judge', 'too-few', null]);
  assert.ok(six.baseRate.pValue > DECISIVE_P);
  assert.equal(six.explainedAttemptIds.size, 0);
  const seven = assess({ dropsUnanswered: 6, passesAnswered: 7 });
  assert.deepEqual([seven.consistency, seven.confidence], ['consistent', 'high']);
  assert.ok(seven.baseRate.pValue < DECISIVE_P);
  assert.equal(seven.explainedAttemptIds.size, 6);
});

test(`base rate at its edge: at most ${BASE_RATE_MAX * 100} % of the SYNs the rule lets through may go unanswered`, () => {
  const atEdge = assess({ dropsUnanswered: 30, passesUnanswered: 4, passesAnswered: 16 });
  assert.equal(atEdge.baseRate.acceptUnansweredRate, 0.2);
  assert.deepEqual([atEdge.consistency, atEdge.confidence], ['consistent', 'high']);
  const past = assess({ dropsUnanswered: 30, passesUnanswered: 5, passesAnswered: 16 });
  assert.ok(past.baseRate.pValue < DECISIVE_P, 'decisive, and still not blamed');
  assert.deepEqual([past.consistency, past.confidence], ['base-rate', null]);
  assert.equal(past.explainedAttemptIds.size, 0);
});

test('stray answers at their edge: 5 % of the predicted drops answered is consistent, one more is partial', () => {
  const stray = assess({ dropsUnanswered: 40, dropsAnswered: 2, passesAnswered: 20 });
  assert.deepEqual([stray.consistency, stray.confidence], ['consistent', 'high']);
  const more = assess({ dropsUnanswered: 40, dropsAnswered: 3, passesAnswered: 20 });
  assert.deepEqual([more.consistency, more.confidence], ['partial', 'medium']);
});

test('a server that drops most SYNs, whatever the rule predicts, is never blamed at any confidence', () => {
  for (const vantage of ['server', 'client'] as const) {
    const busy = assessPaws(replayPaws(stampedServer({ dropsUnanswered: 90, dropsAnswered: 10, passesUnanswered: 90, passesAnswered: 10 }), T0), vantage);
    assert.deepEqual([busy.consistency, busy.confidence], ['base-rate', null], vantage);
    assert.deepEqual(busy.baseRate.table, { a: 90, b: 10, c: 90, d: 10 });
    assert.equal(busy.explainedAttemptIds.size, 0);
  }
});

/** Disagreeing SYNs: a SYN without timestamps meeting a fresh stamp; fate as given. */
function disagreeing(unanswered: number, answered: number): SynPrediction[] {
  const check = (drop: boolean) => ({ drop, reason: drop ? 'no-timestamp-with-stamp' as const : 'no-timestamp-not-checked' as const, ageSeconds: 5, behindTicks: null });
  const one = (fate: 'answered' | 'unanswered'): SynPrediction => ({
    attemptId: 1, synIndex: 0, time: T0, tsval: null, client: { address: '192.168.0.2', port: 1 }, server: { address: '192.168.11.250', port: 3306 },
    checked: true, skipped: null, check: check(true), checkPre317: check(false), stamp: null, exactAgeSeconds: null, nearBoundary: false, fate,
  });
  return [...Array.from({ length: unanswered }, () => one('unanswered')), ...Array.from({ length: answered }, () => one('answered'))];
}

test('kernel rule at its edges: 5 % answered still fits 3.17+, 20 % unanswered still fits pre-3.17, between them neither', () => {
  assert.equal(kernelVariant([]).rule, 'either');
  assert.equal(kernelVariant(disagreeing(19, 1)).rule, '3.17+');
  assert.equal(kernelVariant(disagreeing(19, 2)).rule, 'either');
  assert.equal(kernelVariant(disagreeing(2, 8)).rule, 'pre-3.17');
  assert.equal(kernelVariant(disagreeing(3, 8)).rule, 'either');
  assert.deepEqual(kernelVariant(disagreeing(3, 8)), { rule: 'either', disagreeingUnanswered: 3, disagreeingAnswered: 8 });
});

test('a pre-3.17 server: answered SYNs without timestamps are not contradictions, and name the rule', () => {
  const old = assess({ dropsUnanswered: 10, passesAnswered: 10, noTimestampAnswered: 8 });
  assert.equal(old.kernel.rule, 'pre-3.17');
  assert.equal(old.counts.predictedDropsAnswered, 0);
  assert.deepEqual([old.consistency, old.confidence], ['consistent', 'high']);
  // The SYNs it let through count with the others that passed a fresh stamp.
  assert.deepEqual(old.baseRate.table, { a: 10, b: 0, c: 0, d: 18 });
});

test('a 3.17+ server: unanswered SYNs without timestamps are its drops, and explained', () => {
  const attempts = stampedServer({ dropsUnanswered: 10, passesAnswered: 10, noTimestampUnanswered: 5 });
  const recent = assessPaws(replayPaws(attempts, T0), 'server');
  assert.equal(recent.kernel.rule, '3.17+');
  assert.deepEqual([recent.consistency, recent.confidence], ['consistent', 'high']);
  assert.equal(recent.baseRate.table.a, 15);
  const withoutTimestamps = attempts.filter((a) => a.syns[0].tsval === null).map((a) => a.id);
  assert.ok(withoutTimestamps.length === 5 && withoutTimestamps.every((id) => recent.explainedAttemptIds.has(id)));
});

test('SYNs without timestamps that fit neither rule are counted for neither, and never as contradictions', () => {
  const mixed = assess({ dropsUnanswered: 10, passesAnswered: 10, noTimestampUnanswered: 5, noTimestampAnswered: 5 });
  assert.equal(mixed.kernel.rule, 'either');
  assert.equal(mixed.counts.predictedDropsAnswered, 0);
  assert.deepEqual(mixed.baseRate.table, { a: 10, b: 0, c: 0, d: 10 });
  assert.notEqual(mixed.consistency, 'contradicted');
});

test('contradiction at its edge: 2 answered of 10 predicted drops say tcp_tw_recycle is off, 2 of 11 do not', () => {
  const off = assess({ dropsUnanswered: 8, dropsAnswered: 2, passesAnswered: 20 });
  assert.deepEqual([off.consistency, off.confidence], ['contradicted', null]);
  const on = assess({ dropsUnanswered: 9, dropsAnswered: 2, passesAnswered: 20 });
  assert.notEqual(on.consistency, 'contradicted');
  assert.equal(on.confidence, 'medium', 'more than stray answers: partial');
  const one = assess({ dropsUnanswered: 0, dropsAnswered: 1, passesAnswered: 20 });
  assert.notEqual(one.consistency, 'contradicted', 'a single answer is not "in numbers"');
});
