import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkSyn, recycledTimeWaitSeconds, rememberStamp, s32Difference, TCP_PAWS_MSL } from '../../src/analyzer/diagnosis/pawsRule.js';
import { replayPaws } from '../../src/analyzer/diagnosis/pawsReplay.js';
import { synFates } from '../../src/analyzer/diagnosis/synFate.js';
import { assessPaws } from '../../src/analyzer/diagnosis/pawsAssessment.js';
import { attempt } from './attemptSketch.js';

const T0 = 1_700_000_000;

test('s32Difference is the kernel (s32)(a - b), across the 32-bit wrap', () => {
  assert.equal(s32Difference(10, 4), 6);
  assert.equal(s32Difference(4, 10), -6);
  assert.equal(s32Difference(5, 0xfffffffb), 10); // 5 is 10 ticks after 2^32 - 5
  assert.equal(s32Difference(0xfffffffb, 5), -10);
  assert.equal(s32Difference(0x80000000, 0), -0x80000000);
});

test('a SYN more than TCP_PAWS_WINDOW behind a fresh stamp is dropped; one tick behind is tolerated', () => {
  const stamp = { ts: 5000, when: T0 };
  assert.deepEqual(checkSyn(stamp, T0 + 10, 4998), { drop: true, reason: 'tsval-behind-stamp', ageSeconds: 10, behindTicks: 2 });
  assert.equal(checkSyn(stamp, T0 + 10, 4999).drop, false);
  assert.equal(checkSyn(stamp, T0 + 10, 5000).drop, false);
  assert.equal(checkSyn(stamp, T0 + 10, 9000).drop, false);
});

test('the stamp counts for less than TCP_PAWS_MSL whole seconds', () => {
  const stamp = { ts: 5000, when: T0 };
  assert.equal(checkSyn(stamp, T0 + TCP_PAWS_MSL - 1, 1).drop, true);
  assert.deepEqual(checkSyn(stamp, T0 + TCP_PAWS_MSL, 1), { drop: false, reason: 'stamp-stale', ageSeconds: 60, behindTicks: 4999 });
});

test('a SYN without timestamps is dropped while a fresh stamp exists (3.17+), not before', () => {
  const stamp = { ts: 5000, when: T0 };
  assert.equal(checkSyn(stamp, T0 + 1, null).reason, 'no-timestamp-with-stamp');
  assert.deepEqual(checkSyn(stamp, T0 + 1, null, 'pre-3.17'), { drop: false, reason: 'no-timestamp-not-checked', ageSeconds: 1, behindTicks: null });
  assert.equal(checkSyn(null, T0 + 1, null).drop, false);
});

test('behind across the wrap: stamp just after 2^32 wrapped, SYN just before it', () => {
  const stamp = { ts: 100, when: T0 };
  const check = checkSyn(stamp, T0 + 5, 0xffffff00);
  assert.equal(check.drop, true);
  assert.equal(check.behindTicks, 356);
  // and the other way: a SYN after the wrap is ahead of a stamp before it
  assert.equal(checkSyn({ ts: 0xffffff00, when: T0 }, T0 + 5, 100).drop, false);
});

test('the stored TSval only moves forward, unless the stored stamp is over 60 s old', () => {
  const stored = { ts: 5000, when: T0 };
  assert.deepEqual(rememberStamp(stored, 6000, T0 + 5, T0 + 5), { ts: 6000, when: T0 + 5 });
  assert.equal(rememberStamp(stored, 4000, T0 + 5, T0 + 5), stored);
  assert.equal(rememberStamp(stored, 4000, T0 + 60, T0 + 60), stored, '60 s is not "more than" 60 s');
  assert.deepEqual(rememberStamp(stored, 4000, T0 + 61, T0 + 61), { ts: 4000, when: T0 + 61 });
  assert.deepEqual(rememberStamp({ ts: 0xfffffff0, when: T0 }, 16, T0 + 1, T0 + 1), { ts: 16, when: T0 + 1 }, 'forward across the wrap');
  assert.deepEqual(rememberStamp(null, 4000, T0, T0), { ts: 4000, when: T0 });
});

test('replay: two hosts behind one NAT address, the server closes first, the host behind is dropped', () => {
  const nat = '192.168.0.2';
  const attempts = [
    // host A (clock near 900,000) connects, the server closes first at T0+2
    attempt({ id: 1, client: `${nat}:40001`, syns: [[T0, 900_000]], synAckAt: T0 + 0.001, close: { first: 'server', at: T0 + 2, lastClientTsval: 902_000 } }),
    // host B (clock near 100,000) 20 s later: behind A's stamp, dropped, retransmitted, dropped
    attempt({ id: 2, client: `${nat}:40002`, syns: [[T0 + 20, 120_000], [T0 + 21, 121_000], [T0 + 23, 123_000]] }),
    // host A again: ahead of its own stamp, accepted
    attempt({ id: 3, client: `${nat}:40003`, syns: [[T0 + 25, 925_000]], synAckAt: T0 + 25.001 }),
    // host B after the stamp expired (62.5 s after it was taken): accepted
    attempt({ id: 4, client: `${nat}:40004`, syns: [[T0 + 64.5, 164_500]], synAckAt: T0 + 64.501 }),
  ];
  const replay = replayPaws(attempts, T0);
  assert.equal(replay.timeWaitEntries, 1);
  const drops = replay.predictions.filter((p) => p.check?.drop).map((p) => `${p.attemptId}/${p.synIndex}`);
  assert.deepEqual(drops, ['2/0', '2/1', '2/2']);
  const first = replay.predictions.find((p) => p.attemptId === 2)!;
  assert.equal(first.check?.behindTicks, 782_000);
  assert.equal(first.stamp?.ts, 902_000);
  assert.equal(first.stamp?.origin.attemptId, 1);
  assert.equal(first.check?.ageSeconds, 18);
  // Three drops against one SYN that passed a fresh stamp: p = 1/4, too few to tell from chance.
  const assessment = assessPaws(replay, 'server');
  assert.deepEqual([assessment.consistency, assessment.cannotJudge, assessment.confidence], ['cannot-judge', 'too-few', null]);
  assert.deepEqual(assessment.baseRate.table, { a: 3, b: 0, c: 0, d: 1 });
  assert.ok(Math.abs(assessment.baseRate.pValue - 0.25) < 1e-12);
  assert.deepEqual([...assessment.explainedAttemptIds], []);
});

test('replay: a client that closes first leaves no stamp', () => {
  const attempts = [
    attempt({ id: 1, client: '192.168.0.2:40001', syns: [[T0, 900_000]], synAckAt: T0 + 0.001, close: { first: 'client', at: T0 + 2, lastClientTsval: 902_000 } }),
    attempt({ id: 2, client: '192.168.0.2:40002', syns: [[T0 + 20, 120_000]] }),
  ];
  const replay = replayPaws(attempts, T0);
  assert.equal(replay.timeWaitEntries, 0);
  assert.equal(replay.predictions.some((p) => p.check?.drop), false);
  const assessment = assessPaws(replay, 'server');
  assert.deepEqual([assessment.consistency, assessment.cannotJudge, assessment.confidence], ['cannot-judge', 'no-time-wait', null]);
});

test('replay: stamps are per peer address, and answered predicted drops mean tw_recycle is off', () => {
  const attempts = [
    attempt({ id: 1, client: '192.168.0.2:40001', syns: [[T0, 900_000]], synAckAt: T0 + 0.001, close: { first: 'server', at: T0 + 1, lastClientTsval: 901_000 } }),
    attempt({ id: 2, client: '192.168.0.3:40002', syns: [[T0 + 5, 100_000]], synAckAt: T0 + 5.001 }),
    attempt({ id: 3, client: '192.168.0.2:40003', syns: [[T0 + 6, 106_000]], synAckAt: T0 + 6.001 }),
    attempt({ id: 4, client: '192.168.0.2:40004', syns: [[T0 + 7, 107_000]], synAckAt: T0 + 7.001 }),
  ];
  const replay = replayPaws(attempts, T0);
  assert.deepEqual(replay.predictions.filter((p) => p.check?.drop).map((p) => p.attemptId), [3, 4]);
  const assessment = assessPaws(replay, 'server');
  assert.equal(assessment.consistency, 'contradicted');
  assert.equal(assessment.confidence, null);
});

test('replay: a decision within a second of the 60 s boundary is flagged and not held against the rule', () => {
  const attempts = [
    attempt({ id: 1, client: '192.168.0.2:40001', syns: [[T0 + 0.9, 900_000]], synAckAt: T0 + 0.901, close: { first: 'server', at: T0 + 0.95, lastClientTsval: 900_050, lastClientTsvalAt: T0 + 0.95 } }),
    // 59.2 s later by the capture clock, but second 60 by whole seconds: the kernel accepts
    attempt({ id: 2, client: '192.168.0.2:40002', syns: [[T0 + 60.15, 100_000]], synAckAt: T0 + 60.151 }),
  ];
  const replay = replayPaws(attempts, T0);
  const p = replay.predictions.find((x) => x.attemptId === 2)!;
  assert.equal(p.check?.drop, false);
  assert.equal(p.nearBoundary, true);
  assert.equal(assessPaws(replay, 'server').counts.boundaryDecisions, 1);
});

test('replay: SYNs after the SYN-ACK meet the pending request and are not checked', () => {
  const attempts = [
    attempt({ id: 1, client: '192.168.0.2:40001', syns: [[T0, 900_000]], synAckAt: T0 + 0.001, close: { first: 'server', at: T0 + 1, lastClientTsval: 901_000 } }),
    attempt({ id: 2, client: '192.168.0.2:40002', syns: [[T0 + 70, 970_000], [T0 + 71, 971_000]], synAckAt: T0 + 70.001 }),
  ];
  const predictions = replayPaws(attempts, T0).predictions.filter((p) => p.attemptId === 2);
  assert.deepEqual(predictions.map((p) => [p.fate, p.checked]), [['answered', true], ['after-answer', false]]);
});

test('replay: a stamp near the 2^32 wrap still drops a SYN behind it, and a SYN without timestamps while it is fresh', () => {
  const attempts = [
    attempt({ id: 1, client: '192.168.0.2:40001', syns: [[T0, 0xfffff000]], synAckAt: T0 + 0.001, close: { first: 'server', at: T0 + 1, lastClientTsval: 500 } }),
    // 0xffffff00 is 756 ticks before the wrapped stamp 500: dropped
    attempt({ id: 2, client: '192.168.0.2:40002', syns: [[T0 + 5, 0xffffff00]] }),
    // 3000 is after it: accepted
    attempt({ id: 3, client: '192.168.0.2:40003', syns: [[T0 + 6, 3000]], synAckAt: T0 + 6.001 }),
    // no timestamp option while the stamp is fresh: dropped (Linux 3.17+)
    attempt({ id: 4, client: '192.168.0.2:40004', syns: [[T0 + 7, null]] }),
  ];
  const predictions = replayPaws(attempts, T0).predictions;
  const byId = new Map(predictions.map((p) => [p.attemptId, p.check]));
  assert.deepEqual([byId.get(2)?.drop, byId.get(2)?.behindTicks], [true, 756]);
  assert.equal(byId.get(3)?.drop, false);
  assert.equal(byId.get(4)?.reason, 'no-timestamp-with-stamp');
  assert.equal(predictions.find((p) => p.attemptId === 4)?.checkPre317?.drop, false, 'before 3.17 it passes');
});

test('TIME-WAIT: a SYN on the four-tuple of a connection the server just closed skips the check (tcp_tw_isn), a later one does not', () => {
  const port = '192.168.0.2:40001';
  const attempts = [
    attempt({ id: 1, client: port, syns: [[T0, 900_000]], synAckAt: T0 + 0.001, close: { first: 'server', at: T0 + 1, lastClientTsval: 901_000 } }),
    // 0.5 s after the close, same four-tuple, TSval far behind: the TIME-WAIT socket takes it, answered
    attempt({ id: 2, client: port, isn: 5000, syns: [[T0 + 1.5, 100_000]], synAckAt: T0 + 1.501 }),
    // 10 s after: the recycled TIME-WAIT socket (3.5 RTO) is long gone; the rule applies and drops it
    attempt({ id: 3, client: port, isn: 6000, syns: [[T0 + 11, 110_000]] }),
  ];
  const predictions = replayPaws(attempts, T0).predictions;
  const second = predictions.find((p) => p.attemptId === 2)!;
  assert.deepEqual([second.skipped, second.check, second.checkPre317], ['time-wait', null, null]);
  const third = predictions.find((p) => p.attemptId === 3)!;
  assert.deepEqual([third.skipped, third.check?.drop], [null, true]);
  const assessment = assessPaws(replayPaws(attempts, T0), 'server');
  assert.equal(assessment.counts.notCheckedTimeWait, 1);
  assert.equal(assessment.counts.predictedDropsAnswered, 0, 'the answered SYN is no contradiction');
});

test('TIME-WAIT of a connection without timestamps lasts TCP_TIMEWAIT_LEN: 59 s later the SYN still meets it', () => {
  const port = '192.168.0.2:40001';
  const attempts = [
    attempt({ id: 1, client: '192.168.0.2:40000', syns: [[T0, 900_000]], synAckAt: T0 + 0.001, close: { first: 'server', at: T0 + 0.5, lastClientTsval: 900_500 } }),
    attempt({ id: 2, client: port, syns: [[T0 + 0.6, null]], synAckAt: T0 + 0.601, close: { first: 'server', at: T0 + 1, lastClientTsval: 0 } }),
    attempt({ id: 3, client: port, isn: 7000, syns: [[T0 + 59, null]], synAckAt: T0 + 59.001 }),
  ];
  attempts[1].teardown.lastClientTsval = null;
  const third = replayPaws(attempts, T0).predictions.find((p) => p.attemptId === 3)!;
  assert.equal(third.skipped, 'time-wait');
});

test('SYN cookie: a SYN-ACK whose TSval encodes the SYN options (cookie_init_timestamp) skipped the check', () => {
  const attempts = [
    attempt({ id: 1, client: '192.168.0.2:40001', syns: [[T0, 900_000]], synAckAt: T0 + 0.001, close: { first: 'server', at: T0 + 1, lastClientTsval: 901_000 } }),
    attempt({ id: 2, client: '192.168.0.2:40002', syns: [[T0 + 5, 100_000]], synAckAt: T0 + 5.001 }),
    attempt({ id: 3, client: '192.168.0.2:40003', syns: [[T0 + 6, 100_000]], synAckAt: T0 + 6.001 }),
  ];
  // window scale 7, SACK: 0x17 in the low bits; the other SYN-ACK carries 0x16
  attempts[1].synAck!.options.tsval = 0x5a5a00 | 0x17;
  attempts[2].synAck!.options.tsval = 0x5a5a00 | 0x16;
  const byId = new Map(replayPaws(attempts, T0).predictions.map((p) => [p.attemptId, p]));
  assert.equal(byId.get(2)!.skipped, 'syn-cookie');
  assert.deepEqual([byId.get(3)!.skipped, byId.get(3)!.check?.drop], [null, true]);
  attempts[1].synAck!.count = 2;
  assert.equal(replayPaws(attempts, T0).predictions.find((p) => p.attemptId === 2)!.skipped, null, 'a retransmitted SYN-ACK is no cookie');
});

test('a SYN whose TSval the snapshot cut is never judged, and never meets the !timestamps clause', () => {
  const attempts = [
    attempt({ id: 1, client: '192.168.0.2:40001', syns: [[T0, 900_000]], synAckAt: T0 + 0.001, close: { first: 'server', at: T0 + 1, lastClientTsval: 901_000 } }),
    attempt({ id: 2, client: '192.168.0.2:40002', syns: [[T0 + 5, null]] }),
  ];
  attempts[1].syns[0].tsvalCut = true;
  const replay = replayPaws(attempts, T0);
  const cut = replay.predictions.find((p) => p.attemptId === 2)!;
  assert.deepEqual([cut.skipped, cut.check, cut.checkPre317], ['tsval-cut', null, null]);
  const assessment = assessPaws(replay, 'server');
  assert.equal(assessment.counts.tsvalCutSyns, 1);
  assert.equal(assessment.counts.predictedDrops, 0);
  assert.deepEqual([assessment.consistency, assessment.cannotJudge], ['cannot-judge', 'tsval-cut']);
  // Without the cut mark the same SYN is a 3.17+ drop
  attempts[1].syns[0].tsvalCut = undefined;
  assert.equal(replayPaws(attempts, T0).predictions.find((p) => p.attemptId === 2)!.check?.reason, 'no-timestamp-with-stamp');
});

test('cannot judge: no timestamps anywhere, or every TSval cut, or a server that never closed first', () => {
  const noTs = [
    attempt({ id: 1, client: '192.168.0.2:40001', syns: [[T0, null]], synAckAt: T0 + 0.001, close: { first: 'server', at: T0 + 1, lastClientTsval: 0 } }),
    attempt({ id: 2, client: '192.168.0.2:40002', syns: [[T0 + 5, null]] }),
  ];
  noTs[0].teardown.lastClientTsval = null;
  assert.deepEqual(pick(assessPaws(replayPaws(noTs, T0), 'server')), ['cannot-judge', 'no-timestamps']);
  for (const a of noTs) a.syns[0].tsvalCut = true;
  assert.deepEqual(pick(assessPaws(replayPaws(noTs, T0), 'server')), ['cannot-judge', 'tsval-cut']);
  const clientCloses = [
    attempt({ id: 1, client: '192.168.0.2:40001', syns: [[T0, 900_000]], synAckAt: T0 + 0.001, close: { first: 'client', at: T0 + 1, lastClientTsval: 901_000 } }),
    attempt({ id: 2, client: '192.168.0.2:40002', syns: [[T0 + 5, 100_000]] }),
  ];
  assert.deepEqual(pick(assessPaws(replayPaws(clientCloses, T0), 'server')), ['cannot-judge', 'no-time-wait']);
});

function pick(assessment: ReturnType<typeof assessPaws>): [string, string | null] {
  return [assessment.consistency, assessment.cannotJudge];
}

test('TIME-WAIT lifetime at its edge: twice 3.5 × (TCP_RTO_MIN + round trip) after the close', () => {
  const port = '192.168.0.2:40001';
  // Round trip 1.1 ms (SYN → SYN-ACK 1 ms, SYN-ACK → ACK 0.1 ms): 2 × 3.5 × 0.2011 s = 1.4077 s
  const lifetime = 2 * recycledTimeWaitSeconds(0.0011);
  assert.ok(Math.abs(lifetime - 1.4077) < 1e-9);
  const closedAt = T0 + 1 + 0.0002;
  const skippedAfter = (delay: number) => {
    const attempts = [
      attempt({ id: 1, client: port, syns: [[T0, 900_000]], synAckAt: T0 + 0.001, close: { first: 'server', at: T0 + 1, lastClientTsval: 901_000 } }),
      attempt({ id: 2, client: port, isn: 5000, syns: [[closedAt + delay, 100_000]], synAckAt: closedAt + delay + 0.001 }),
    ];
    return replayPaws(attempts, T0).predictions.find((p) => p.attemptId === 2)!.skipped;
  };
  assert.equal(skippedAfter(lifetime - 0.01), 'time-wait');
  assert.equal(skippedAfter(lifetime + 0.01), null);
});

test('SYN fates: the last SYN before the answer is answered (or refused), earlier ones unanswered, later ones after it', () => {
  const T = 1_700_000_000;
  const syns: Array<[number, number | null]> = [[T, 1], [T + 1, 2], [T + 3, 3], [T + 7, 4]];
  assert.deepEqual(synFates(attempt({ id: 1, client: '10.0.0.1:40001', syns, synAckAt: T + 3.2 })), ['unanswered', 'unanswered', 'answered', 'after-answer']);
  assert.deepEqual(synFates(attempt({ id: 2, client: '10.0.0.1:40002', syns, rstAt: T + 1.1 })), ['unanswered', 'refused', 'after-answer', 'after-answer']);
  // An answer stamped before every SYN still answers the first.
  assert.deepEqual(synFates(attempt({ id: 3, client: '10.0.0.1:40003', syns, synAckAt: T - 1 })), ['answered', 'after-answer', 'after-answer', 'after-answer']);
  // No answer: every SYN unanswered, but the last of an attempt too young to judge is unknown.
  assert.deepEqual(synFates(attempt({ id: 4, client: '10.0.0.1:40004', syns, verdict: 'fail' })), ['unanswered', 'unanswered', 'unanswered', 'unanswered']);
  assert.deepEqual(synFates(attempt({ id: 5, client: '10.0.0.1:40005', syns: syns.slice(0, 2), verdict: 'unknown' })), ['unanswered', 'unknown']);
});
