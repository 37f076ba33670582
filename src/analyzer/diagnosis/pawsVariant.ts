/**
 * Which kernel rule the observations fit. The two rules differ only for a SYN without timestamps that
 * meets a fresh stamp: a 3.17+ server drops it, an older one (3.10–3.16, CentOS 7 among them) lets it
 * through. What became of those SYNs picks the rule; without any, both fit.
 */
import { BASE_RATE_MAX, onlyStrayAnswers } from './pawsBaseRate.js';
import type { KernelRule } from './pawsRule.js';
import type { SynPrediction } from './pawsReplay.js';

export type KernelRuleFit = KernelRule | 'either';

export interface KernelVariant {
  rule: KernelRuleFit;
  /** Judged SYNs on which the rules disagree (no timestamp, fresh stamp), by what happened to them. */
  disagreeingUnanswered: number;
  disagreeingAnswered: number;
}

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
  // As for predicted drops, only stray answers fit 3.17+; unanswered no more often than the low base
  // rate a blame allows fits pre-3.17, where they passed the check and met only the server's other drops.
  if (total > 0 && onlyStrayAnswers(disagreeingAnswered, total)) rule = '3.17+';
  else if (total > 0 && disagreeingUnanswered <= BASE_RATE_MAX * total) rule = 'pre-3.17';
  return { rule, disagreeingUnanswered, disagreeingAnswered };
}
