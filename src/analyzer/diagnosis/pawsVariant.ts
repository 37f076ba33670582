/**
 * Which kernel rule the observations fit. The two rules differ only for a SYN without timestamps that
 * meets a fresh stamp: a 3.17+ server drops it, an older one (3.10–3.16, CentOS 7 among them) lets it
 * through. What became of those SYNs picks the rule; without any, both fit.
 */
import type { KernelRule } from './pawsRule.js';
import type { SynPrediction } from './pawsReplay.js';

export type KernelRuleFit = KernelRule | 'either';

export interface KernelVariant {
  rule: KernelRuleFit;
  /** Judged SYNs on which the rules disagree (no timestamp, fresh stamp), by what happened to them. */
  disagreeingUnanswered: number;
  disagreeingAnswered: number;
}

/** As for predicted drops: at most this share of the disagreeing SYNs answered still fits 3.17+. */
const STRAY_ANSWER_SHARE = 0.05;
/** At most this share unanswered fits pre-3.17 (no more than the low base rate a blame needs). */
const PRE_317_UNANSWERED_SHARE = 0.2;

/** True when both rules were applied and reached different decisions. */
export function rulesDisagree(prediction: SynPrediction): boolean {
  return prediction.check !== null && prediction.checkPre317 !== null && prediction.check.drop !== prediction.checkPre317.drop;
}

/** The decision under `rule`; null when the SYN was not judged, or the rules disagree and neither was picked. */
export function predictedDrop(prediction: SynPrediction, rule: KernelRuleFit): boolean | null {
  if (prediction.check === null || prediction.checkPre317 === null) return null;
  if (!rulesDisagree(prediction)) return prediction.check.drop;
  if (rule === 'either') return null;
  return rule === '3.17+' ? prediction.check.drop : prediction.checkPre317.drop;
}

export function kernelVariant(judged: readonly SynPrediction[]): KernelVariant {
  let disagreeingUnanswered = 0;
  let disagreeingAnswered = 0;
  for (const prediction of judged) {
    if (!rulesDisagree(prediction)) continue;
    if (prediction.fate === 'unanswered') disagreeingUnanswered++;
    else if (prediction.fate === 'answered') disagreeingAnswered++;
  }
  const total = disagreeingUnanswered + disagreeingAnswered;
  let rule: KernelRuleFit = 'either';
  if (total > 0 && disagreeingAnswered <= Math.floor(STRAY_ANSWER_SHARE * total)) rule = '3.17+';
  else if (total > 0 && disagreeingUnanswered <= PRE_317_UNANSWERED_SHARE * total) rule = 'pre-3.17';
  return { rule, disagreeingUnanswered, disagreeingAnswered };
}
