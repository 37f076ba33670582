/** Each diagnosis with the sentence saying what would rule it out (explain/ruledOutTexts.ts). */
import type { Texts } from '../explain/texts.js';
import type { DiagnosisJson } from '../report.js';

export function withRuledOut(texts: Texts, diagnoses: readonly DiagnosisJson[]): DiagnosisJson[] {
  return diagnoses.map((diagnosis) => ({ ...diagnosis, ruledOutBy: texts.ruledOut[diagnosis.code] }));
}
