/**
 * The evidence lines of the replay that both the PAWS diagnosis and the `dropped-at-server` diagnosis
 * show: the 2×2 table against the base rate, the kernel rule the observations fit, the SYNs the check
 * never saw, and, where PAWS is not blamed, why.
 */
import type { Texts } from '../explain/texts.js';
import type { EvidenceJson } from '../report.js';
import type { PawsAssessment } from './pawsAssessment.js';
import type { PawsBaseRate } from './pawsBaseRate.js';

export function baseRateValues(rate: PawsBaseRate): EvidenceJson['values'] {
  return {
    dropUnanswered: rate.table.a, dropAnswered: rate.table.b, acceptUnanswered: rate.table.c, acceptAnswered: rate.table.d,
    dropUnansweredRate: rate.dropUnansweredRate, acceptUnansweredRate: rate.acceptUnansweredRate, pValue: rate.pValue,
  };
}

/** The table, the kernel rule and the SYNs not counted. */
export function pawsRuleEvidence(texts: Texts, assessment: PawsAssessment): EvidenceJson[] {
  const { kernel, counts } = assessment;
  const evidence: EvidenceJson[] = [
    { text: texts.pawsBaseRate(assessment.baseRate), values: { ...baseRateValues(assessment.baseRate), pawsConsistency: assessment.consistency }, handshakeIds: [] },
    {
      text: texts.pawsKernelRule(kernel),
      values: { kernelRule: kernel.rule, disagreeingUnanswered: kernel.disagreeingUnanswered, disagreeingAnswered: kernel.disagreeingAnswered },
      handshakeIds: [],
    },
  ];
  const { notCheckedTimeWait, notCheckedSynCookie, tsvalCutSyns } = counts;
  if (notCheckedTimeWait + notCheckedSynCookie + tsvalCutSyns > 0) {
    evidence.push({
      text: texts.pawsNotChecked(notCheckedTimeWait, notCheckedSynCookie, tsvalCutSyns),
      values: { notCheckedTimeWait, notCheckedSynCookie, tsvalCutSyns },
      handshakeIds: [],
    });
  }
  return evidence;
}

/** For `dropped-at-server`: why the timestamp rule is not blamed for these drops. */
export function pawsNotBlamedEvidence(texts: Texts, assessment: PawsAssessment): EvidenceJson[] {
  const consistency = assessment.consistency;
  switch (consistency) {
    case 'contradicted': {
      const { predictedDropsAnswered, predictedDrops } = assessment.counts;
      return [{ text: texts.twRecycleOff(predictedDropsAnswered, predictedDrops), values: { predictedDropsAnswered, predictedDrops, pawsConsistency: consistency }, handshakeIds: [] }];
    }
    case 'base-rate':
      return [
        { text: texts.pawsBaseRateRuledOut(assessment.baseRate), values: { ...baseRateValues(assessment.baseRate), pawsConsistency: consistency }, handshakeIds: [] },
        ...pawsRuleEvidence(texts, assessment).slice(1),
      ];
    case 'cannot-judge':
      return [{
        text: texts.pawsCannotJudge(assessment.cannotJudge ?? 'too-few', assessment.baseRate),
        values: { pawsConsistency: consistency, cannotJudge: assessment.cannotJudge, ...(assessment.cannotJudge === 'too-few' ? baseRateValues(assessment.baseRate) : {}) },
        handshakeIds: [],
      }];
    case 'no-prediction':
      return [{ text: texts.pawsNotPredicted, values: { pawsConsistency: consistency }, handshakeIds: [] }];
    case 'consistent':
    case 'partial':
      // Some drops are PAWS (that diagnosis shows the rule); these are the ones it does not explain.
      return [];
  }
}
