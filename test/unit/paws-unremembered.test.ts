/**
 * The SYNs that meet nothing remembered are counted by the replay, not kept: the assessment is the one
 * that keeping a prediction for each gave (the expected values were taken from that replay).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { HandshakeAttempt } from '../../src/analyzer/model.js';
import { assessPaws } from '../../src/analyzer/diagnosis/pawsAssessment.js';
import { replayPaws } from '../../src/analyzer/diagnosis/pawsReplay.js';
import { attempt, type AttemptSketch } from './attemptSketch.js';
import { stampedServer, T0 } from './pawsServerSketch.js';

/** One stamp and its drops, amid SYNs of other clients, answered or not, with and without TSvals. */
function stampAmidPlainSyns(): HandshakeAttempt[] {
  const attempts = stampedServer({ dropsUnanswered: 10, passesAnswered: 10, noTimestampUnanswered: 2 });
  let id = attempts.length;
  const add = (sketch: Omit<AttemptSketch, 'id'>) => attempts.push(attempt({ id: ++id, ...sketch }));
  // Attempt 24, from the NAT address: a first SYN before the stamp (nothing remembered), retransmissions after it (dropped).
  add({ client: '192.168.0.2:41000', syns: [[T0 + 0.5, 100_000], [T0 + 1.5, 101_000], [T0 + 3.5, 103_000]] });
  // Attempt 25, at the instant the stamp is taken: already in force.
  add({ client: '192.168.0.2:41001', syns: [[T0 + 1.0002, 100_500]] });
  for (let i = 0; i < 40; i++) {
    const client = `10.1.${i >> 4}.${(i & 15) + 1}:${50000 + i}`;
    const at = T0 + 0.25 + i * 2.5;
    const tsval = i % 5 === 0 ? null : 7_000_000 + i;
    if (i % 4 === 0) add({ client, syns: [[at, tsval]] });
    else if (i % 4 === 1) add({ client, syns: [[at, tsval], [at + 1, tsval === null ? null : tsval + 1000]], synAckAt: at + 1.001 });
    else if (i % 4 === 2) add({ client, syns: [[at, tsval]], synAckAt: at + 0.001 });
    else add({ client, syns: [[at, tsval], [at + 1, tsval]], verdict: 'unknown' });
  }
  // A second stamp from another address, never met by a later SYN of it.
  add({ client: '10.9.9.9:42000', syns: [[T0 + 30, 3_000_000]], synAckAt: T0 + 30.001, close: { first: 'server', at: T0 + 31, lastClientTsval: 3_001_000 } });
  // A refused SYN and one after the answer, from clients with nothing remembered.
  add({ client: '10.2.0.1:43000', syns: [[T0 + 40, 5_000]], rstAt: T0 + 40.001 });
  add({ client: '10.2.0.2:43001', syns: [[T0 + 41, 6_000], [T0 + 42, 7_000]], synAckAt: T0 + 41.001 });
  return attempts;
}

const SAME_FOR_ALL = {
  checkedSyns: 79, predictedDrops: 15, predictedDropsUnanswered: 15, predictedDropsAnswered: 0, unansweredSyns: 46,
  boundaryDecisions: 0, notCheckedTimeWait: 0, notCheckedSynCookie: 0, tsvalCutSyns: 0,
};

test('a stamp amid SYNs that meet nothing remembered: the counts, the table, the rule and the attempts explained', () => {
  const cases: Array<[number | null, number, number]> = [[T0, 12, 19], [T0 - 30, 21, 10], [null, 31, 0]];
  for (const [captureStart, unansweredUnpredicted, unexplainedBeforeFirstStamp] of cases) {
    const assessment = assessPaws(replayPaws(stampAmidPlainSyns(), captureStart), 'server');
    assert.deepEqual(assessment.counts, { ...SAME_FOR_ALL, unansweredUnpredicted, unexplainedBeforeFirstStamp }, `capture from ${captureStart}`);
    assert.deepEqual([assessment.consistency, assessment.cannotJudge, assessment.confidence], ['partial', null, 'medium']);
    assert.deepEqual(assessment.baseRate.table, { a: 15, b: 0, c: 0, d: 10 });
    assert.deepEqual(assessment.kernel, { rule: '3.17+', disagreeingUnanswered: 2, disagreeingAnswered: 0 });
    // Attempt 24's first SYN went unanswered with nothing remembered: the rule does not explain it.
    assert.deepEqual([...assessment.explainedAttemptIds], [25, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 22, 23]);
  }
});

test('only the SYNs that met a stamp are kept, and an attempt of none is absent', () => {
  const attempts = stampAmidPlainSyns();
  const replay = replayPaws(attempts, T0);
  const assessment = assessPaws(replay, 'server');
  // The stamp's own connection met nothing; every later SYN from the NAT address met its stamp.
  assert.equal(assessment.byAttempt.has(1), false);
  assert.deepEqual(assessment.byAttempt.get(24)?.map((p) => [p.synIndex, p.check?.drop]), [[1, true], [2, true]]);
  assert.deepEqual(assessment.byAttempt.get(25)?.map((p) => p.check?.reason), ['tsval-behind-stamp']);
  const others = attempts.filter((a) => !a.client.address.startsWith('192.168.0.'));
  assert.equal(others.some((a) => assessment.byAttempt.has(a.id)), false);
  assert.equal(replay.predictions.length, 25);
  assert.deepEqual([...replay.unremembered.unansweredIn], [24]);
});

test('a SYN-only capture keeps no prediction, and what it counts still tells why nothing can be judged', () => {
  const flood = (tsval: number | null) => Array.from({ length: 50 }, (_, i) =>
    attempt({ id: i + 1, client: `10.3.0.${i + 1}:${40000 + i}`, syns: [[T0 + 2 * i, tsval], [T0 + 2 * i + 1, tsval]], verdict: i === 49 ? 'unknown' : 'fail' }));
  const withTsvals = replayPaws(flood(1000), T0);
  assert.deepEqual([withTsvals.predictions, withTsvals.timeWaitEntries], [[], 0]);
  assert.deepEqual({ ...withTsvals.unremembered, unansweredIn: [...withTsvals.unremembered.unansweredIn] }, {
    judged: 99, unanswered: 99, unansweredEarly: 60, withTimestamp: true, unansweredIn: [],
  });
  const assessment = assessPaws(withTsvals, 'server');
  assert.equal(assessment.byAttempt.size, 0);
  assert.deepEqual([assessment.consistency, assessment.cannotJudge, assessment.counts.unansweredUnpredicted], ['cannot-judge', 'no-time-wait', 39]);
  assert.deepEqual(pick(assessPaws(replayPaws(flood(null), T0), 'server')), ['cannot-judge', 'no-timestamps']);
  // Only the SYN of an attempt too young to judge carries a TSval: it was checked, so it counts.
  const lastWithTsval = flood(null);
  lastWithTsval[49].syns[1].tsval = 1000;
  assert.deepEqual(pick(assessPaws(replayPaws(lastWithTsval, T0), 'server')), ['cannot-judge', 'no-time-wait']);
  // A refused SYN and one after the answer never reach the check: their TSvals say nothing.
  const unchecked = [
    attempt({ id: 1, client: '10.3.0.1:40000', syns: [[T0, 1000]], rstAt: T0 + 0.001 }),
    attempt({ id: 2, client: '10.3.0.2:40000', syns: [[T0, null], [T0 + 1, 2000]], synAckAt: T0 + 0.5 }),
  ];
  const replay = replayPaws(unchecked, T0);
  assert.deepEqual([replay.unremembered.judged, replay.unremembered.withTimestamp], [1, false]);
  assert.deepEqual(pick(assessPaws(replay, 'server')), ['cannot-judge', 'no-timestamps']);
});

function pick(assessment: ReturnType<typeof assessPaws>): [string, string | null] {
  return [assessment.consistency, assessment.cannotJudge];
}
