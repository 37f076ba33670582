/**
 * Sets the PAWS replay's predictions beside what happened, and decides how far tcp_tw_recycle can be
 * blamed. The rule is deterministic, so when it is on the evidence is sharp: the unanswered SYNs are the
 * predicted ones, and no predicted-drop SYN was answered. Answered predicted-drop SYNs, in numbers, mean
 * the server does not apply the rule at all (tcp_tw_recycle=0, or a kernel without it).
 */
import type { Confidence, Vantage } from '../model.js';
import { TCP_PAWS_MSL } from './pawsRule.js';
import type { PawsReplay, SynPrediction } from './pawsReplay.js';

export type PawsConsistency =
  /** Nothing in the capture would be dropped by the rule. */
  | 'no-prediction'
  /** The rule's drops are the unanswered SYNs, and none of them was answered. */
  | 'consistent'
  /** The rule explains some unanswered SYNs; other drops, or a stray answer, are also present. */
  | 'partial'
  /** SYNs the rule would drop were answered: the server evidently does not apply it. */
  | 'contradicted';

export interface PawsCounts {
  /** SYNs that reached the PAWS check (sent before any answer). */
  checkedSyns: number;
  predictedDrops: number;
  /** Predicted drops that indeed went unanswered. */
  predictedDropsUnanswered: number;
  /** Predicted drops the server answered anyway. */
  predictedDropsAnswered: number;
  /** Unanswered checked SYNs (attempts too young to judge excluded). */
  unansweredSyns: number;
  /** Unanswered SYNs the rule does not explain. */
  unansweredUnpredicted: number;
  /** Decisions within a second of the 60 s boundary (not counted either way when they disagree). */
  boundaryDecisions: number;
  /** Unexplained drops in the first 60 s, which a stamp set before the capture began could explain. */
  unexplainedBeforeFirstStamp: number;
}

export interface PawsAssessment {
  consistency: PawsConsistency;
  /** Confidence for blaming PAWS on the explained attempts; null when it must not be blamed. */
  confidence: Confidence | null;
  counts: PawsCounts;
  /** Attempts with at least one unanswered SYN, every one of which the rule drops. */
  explainedAttemptIds: Set<number>;
  /** Each attempt's SYN predictions, in order. */
  byAttempt: Map<number, SynPrediction[]>;
}

/** "In numbers": at least this many, and this share of the predicted drops. */
const CONTRADICTION_MIN = 2;
const CONTRADICTION_SHARE = 0.2;
/** A consistent replay explains at least this share of the unanswered SYNs. */
const EXPLAINED_SHARE = 0.8;

export function assessPaws(replay: PawsReplay, vantage: Vantage, captureStart: number | null): PawsAssessment {
  const counts: PawsCounts = {
    checkedSyns: 0, predictedDrops: 0, predictedDropsUnanswered: 0, predictedDropsAnswered: 0,
    unansweredSyns: 0, unansweredUnpredicted: 0, boundaryDecisions: 0, unexplainedBeforeFirstStamp: 0,
  };
  const byAttempt = new Map<number, SynPrediction[]>();
  const unexplainedAttempts = new Set<number>();
  const droppedAttempts = new Set<number>();

  for (const prediction of replay.predictions) {
    const list = byAttempt.get(prediction.attemptId) ?? [];
    list.push(prediction);
    byAttempt.set(prediction.attemptId, list);
    if (!prediction.checked || prediction.fate === 'unknown') continue;
    counts.checkedSyns++;
    if (prediction.nearBoundary) counts.boundaryDecisions++;
    const predictedDrop = prediction.check?.drop === true;
    const unanswered = prediction.fate === 'unanswered';
    if (predictedDrop) counts.predictedDrops++;
    if (unanswered) counts.unansweredSyns++;
    if (predictedDrop && unanswered) counts.predictedDropsUnanswered++;
    if (unanswered) {
      if (predictedDrop || prediction.nearBoundary) droppedAttempts.add(prediction.attemptId);
      else unexplainedAttempts.add(prediction.attemptId);
    }
    if (prediction.nearBoundary && predictedDrop !== unanswered) continue;
    if (predictedDrop && !unanswered) counts.predictedDropsAnswered++;
    if (unanswered && !predictedDrop) {
      const early = captureStart !== null && prediction.time - captureStart < TCP_PAWS_MSL && prediction.stamp === null;
      if (early) counts.unexplainedBeforeFirstStamp++;
      else counts.unansweredUnpredicted++;
    }
  }

  const explainedAttemptIds = new Set([...droppedAttempts].filter((id) => !unexplainedAttempts.has(id)));
  const consistency = judge(counts);
  const strongest: Confidence = vantage === 'server' ? 'high' : 'low';
  const partial: Confidence = vantage === 'server' ? 'medium' : 'low';
  const confidence = consistency === 'consistent' ? strongest : consistency === 'partial' ? partial : null;
  return { consistency, confidence, counts, explainedAttemptIds, byAttempt };
}

function judge(counts: PawsCounts): PawsConsistency {
  if (counts.predictedDrops === 0 || counts.predictedDropsUnanswered === 0) {
    return counts.predictedDropsAnswered >= CONTRADICTION_MIN ? 'contradicted' : 'no-prediction';
  }
  const answered = counts.predictedDropsAnswered;
  if (answered >= CONTRADICTION_MIN && answered >= CONTRADICTION_SHARE * counts.predictedDrops) return 'contradicted';
  const judgedUnanswered = counts.predictedDropsUnanswered + counts.unansweredUnpredicted;
  const explainedShare = judgedUnanswered === 0 ? 1 : counts.predictedDropsUnanswered / judgedUnanswered;
  const strayAnswers = answered <= Math.floor(0.05 * counts.predictedDrops);
  return strayAnswers && explainedShare >= EXPLAINED_SHARE ? 'consistent' : 'partial';
}
