/**
 * Sets the PAWS replay's predictions beside what happened, and decides how far tcp_tw_recycle can be
 * blamed. The rule is deterministic, so when it is on the evidence is sharp: the unanswered SYNs are the
 * predicted ones, no predicted-drop SYN was answered, and the SYNs the rule lets through are answered
 * (pawsBaseRate.ts). Answered predicted-drop SYNs, in numbers, mean the server does not apply the rule at
 * all (tcp_tw_recycle=0, or a kernel without it). Which kernel rule fits is read from the SYNs on which
 * the two disagree (pawsVariant.ts); those never count against the rule.
 */
import type { Confidence, Vantage } from '../model.js';
import { baseRateOf, baseRateVerdict, onlyStrayAnswers, type PawsBaseRate } from './pawsBaseRate.js';
import type { PawsReplay, SynPrediction } from './pawsReplay.js';
import { kernelVariant, predictedDrop, rulesDisagree, type KernelVariant } from './pawsVariant.js';

export type PawsConsistency =
  /** Nothing in the capture would be dropped by the rule. */
  | 'no-prediction'
  /** The rule's drops are the unanswered SYNs, none of them was answered, and the SYNs it accepts were answered. */
  | 'consistent'
  /** The rule explains some unanswered SYNs decisively; other drops, or a stray answer, are also present. */
  | 'partial'
  /** SYNs the rule would drop were answered: the server evidently does not apply it. */
  | 'contradicted'
  /** The SYNs the rule lets through go unanswered as well: another cause drops SYNs, PAWS is not shown. */
  | 'base-rate'
  /** The capture holds nothing the rule can be judged on (`cannotJudge` says why). */
  | 'cannot-judge';

export type CannotJudgeReason =
  /** No SYN carries a TCP timestamp: no stamp is ever recorded from this capture. */
  | 'no-timestamps'
  /** The snapshot length cut the SYNs' options: their TSvals are unknown. */
  | 'tsval-cut'
  /** The server never closed a connection first, so the capture shows no stamp being recorded. */
  | 'no-time-wait'
  /** The predictions fit, but too few SYNs to tell them from the server's other drops. */
  | 'too-few';

export interface PawsCounts {
  /** SYNs that reached the PAWS check (sent before any answer). */
  checkedSyns: number;
  predictedDrops: number;
  /** Predicted drops that indeed went unanswered. */
  predictedDropsUnanswered: number;
  /** Predicted drops the server answered anyway (both kernel rules predict them). */
  predictedDropsAnswered: number;
  /** Unanswered checked SYNs (attempts too young to judge excluded). */
  unansweredSyns: number;
  /** Unanswered SYNs the rule does not explain. */
  unansweredUnpredicted: number;
  /** Decisions within a second of the 60 s boundary (not counted either way when they disagree). */
  boundaryDecisions: number;
  /** Unexplained drops in the first 60 s, which a stamp set before the capture began could explain. */
  unexplainedBeforeFirstStamp: number;
  /** SYNs that met a TIME-WAIT socket of the same four-tuple: not checked. */
  notCheckedTimeWait: number;
  /** SYNs answered with a SYN cookie: not checked. */
  notCheckedSynCookie: number;
  /** SYNs whose TSval the snapshot length cut: not counted either way. */
  tsvalCutSyns: number;
}

export interface PawsAssessment {
  consistency: PawsConsistency;
  /** Why nothing can be judged, with consistency `cannot-judge`. */
  cannotJudge: CannotJudgeReason | null;
  /** Confidence for blaming PAWS on the explained attempts; null when it must not be blamed. */
  confidence: Confidence | null;
  counts: PawsCounts;
  /** The 2×2 table of the chosen kernel rule and its test. */
  baseRate: PawsBaseRate;
  kernel: KernelVariant;
  /** Attempts with at least one unanswered SYN, every one of which the rule drops; empty when PAWS is not blamed. */
  explainedAttemptIds: Set<number>;
  /** Each attempt's kept SYN predictions, in order; an attempt absent, or a SYN missing, met nothing remembered (pawsReplay.ts). */
  byAttempt: Map<number, SynPrediction[]>;
}

/** "In numbers": at least this many, and this share of the predicted drops. */
const CONTRADICTION_MIN = 2;
const CONTRADICTION_SHARE = 0.2;
/** A consistent replay explains at least this share of the unanswered SYNs, with only stray answers. */
const EXPLAINED_SHARE = 0.8;

/** A SYN set against its prediction: checked, not skipped, with a known outcome. */
function judgedOf(replay: PawsReplay): SynPrediction[] {
  return replay.predictions.filter((p) => p.checked && p.skipped === null && (p.fate === 'answered' || p.fate === 'unanswered'));
}

/** A stamp was fresh for the SYN and the rule let it through. */
function passedFreshStamp(prediction: SynPrediction): boolean {
  const reason = prediction.check?.reason;
  return reason === 'tsval-not-behind' || reason === 'no-timestamp-not-checked' || reason === 'no-timestamp-with-stamp';
}

export function assessPaws(replay: PawsReplay, vantage: Vantage): PawsAssessment {
  // The SYNs that met nothing remembered: judged, accepted by both rules, none passed a fresh stamp.
  const { unremembered } = replay;
  const counts: PawsCounts = {
    checkedSyns: unremembered.judged, predictedDrops: 0, predictedDropsUnanswered: 0, predictedDropsAnswered: 0,
    unansweredSyns: unremembered.unanswered, unansweredUnpredicted: unremembered.unanswered - unremembered.unansweredEarly,
    boundaryDecisions: 0, unexplainedBeforeFirstStamp: unremembered.unansweredEarly,
    notCheckedTimeWait: 0, notCheckedSynCookie: 0, tsvalCutSyns: 0,
  };
  const byAttempt = new Map<number, SynPrediction[]>();
  for (const prediction of replay.predictions) {
    const list = byAttempt.get(prediction.attemptId) ?? [];
    list.push(prediction);
    byAttempt.set(prediction.attemptId, list);
    if (prediction.skipped === 'time-wait') counts.notCheckedTimeWait++;
    if (prediction.skipped === 'syn-cookie') counts.notCheckedSynCookie++;
    if (prediction.skipped === 'tsval-cut') counts.tsvalCutSyns++;
  }
  const judged = judgedOf(replay);
  const kernel = kernelVariant(judged);
  const table = { a: 0, b: 0, c: 0, d: 0 };
  const unexplainedAttempts = new Set<number>(unremembered.unansweredIn);
  const droppedAttempts = new Set<number>();
  // An unanswered SYN the capture cannot judge (skipped, cut) leaves its attempt unexplained.
  for (const p of replay.predictions) {
    if (p.checked && p.skipped !== null && p.fate === 'unanswered') unexplainedAttempts.add(p.attemptId);
  }

  for (const prediction of judged) {
    const drop = predictedDrop(prediction, kernel.rule);
    const unanswered = prediction.fate === 'unanswered';
    counts.checkedSyns++;
    if (prediction.nearBoundary) counts.boundaryDecisions++;
    if (unanswered) counts.unansweredSyns++;
    if (unanswered) {
      if (drop === true || prediction.nearBoundary) droppedAttempts.add(prediction.attemptId);
      else unexplainedAttempts.add(prediction.attemptId);
    }
    if (drop === null) continue;
    if (drop) counts.predictedDrops++;
    if (drop && unanswered) counts.predictedDropsUnanswered++;
    if (prediction.nearBoundary && drop !== unanswered) continue;
    // A SYN only one rule drops never counts against the rule.
    const contradiction = drop && !unanswered && !rulesDisagree(prediction);
    if (contradiction) counts.predictedDropsAnswered++;
    if (drop && unanswered) table.a++;
    if (contradiction) table.b++;
    if (!drop && passedFreshStamp(prediction)) {
      if (unanswered) table.c++;
      else table.d++;
    }
    // A judged SYN kept met a stamp: not one a stamp from before the capture could explain (unansweredEarly).
    if (unanswered && !drop) counts.unansweredUnpredicted++;
  }

  const baseRate = baseRateOf(table);
  const { consistency, cannotJudge } = judge(counts, baseRate, replay);
  const strongest: Confidence = vantage === 'server' ? 'high' : 'low';
  const partial: Confidence = vantage === 'server' ? 'medium' : 'low';
  const confidence = consistency === 'consistent' ? strongest : consistency === 'partial' ? partial : null;
  const explainedAttemptIds = confidence === null ? new Set<number>() : new Set([...droppedAttempts].filter((id) => !unexplainedAttempts.has(id)));
  return { consistency, cannotJudge, confidence, counts, baseRate, kernel, explainedAttemptIds, byAttempt };
}

/** Why no stamp can be judged, or null when the replay had stamps and SYNs to judge. */
function nothingToJudge(counts: PawsCounts, replay: PawsReplay): CannotJudgeReason | null {
  if (replay.timeWaitEntries > 0) return null;
  const withTimestamp = replay.unremembered.withTimestamp || replay.predictions.some((p) => p.checked && p.tsval !== null);
  if (withTimestamp) return 'no-time-wait';
  return counts.tsvalCutSyns > 0 ? 'tsval-cut' : 'no-timestamps';
}

function judge(counts: PawsCounts, baseRate: PawsBaseRate, replay: PawsReplay): { consistency: PawsConsistency; cannotJudge: CannotJudgeReason | null } {
  const verdict = (consistency: PawsConsistency, cannotJudge: CannotJudgeReason | null = null) => ({ consistency, cannotJudge });
  const empty = nothingToJudge(counts, replay);
  if (empty) return verdict('cannot-judge', empty);
  const answered = counts.predictedDropsAnswered;
  if (answered >= CONTRADICTION_MIN && answered >= CONTRADICTION_SHARE * counts.predictedDrops) return verdict('contradicted');
  if (counts.predictedDropsUnanswered === 0) {
    // Every fresh stamp the capture shows met only SYNs the snapshot cut: their fate under the rule is unknown.
    const cutMetStamp = replay.predictions.some((p) => p.skipped === 'tsval-cut' && p.stamp !== null);
    return cutMetStamp && counts.predictedDrops === 0 ? verdict('cannot-judge', 'tsval-cut') : verdict('no-prediction');
  }
  const againstBase = baseRateVerdict(baseRate);
  if (againstBase === 'base-rate') return verdict('base-rate');
  if (againstBase === 'too-few') return verdict('cannot-judge', 'too-few');
  const judgedUnanswered = counts.predictedDropsUnanswered + counts.unansweredUnpredicted;
  const explainedShare = judgedUnanswered === 0 ? 1 : counts.predictedDropsUnanswered / judgedUnanswered;
  return verdict(onlyStrayAnswers(answered, counts.predictedDrops) && explainedShare >= EXPLAINED_SHARE ? 'consistent' : 'partial');
}

/** The replay rules PAWS out: the rule is evidently off, or the server drops the SYNs it accepts just as well. */
export function pawsRuledOut(assessment: PawsAssessment): boolean {
  return assessment.consistency === 'contradicted' || assessment.consistency === 'base-rate';
}
