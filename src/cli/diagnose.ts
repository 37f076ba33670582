/**
 * Where correlation and diagnosis (src/analyzer/correlation, src/analyzer/diagnosis) join the command
 * line. Given the analysed captures (the first is `single` or `client`), they return the diagnoses, in
 * the chosen language, and the findings (`cause`, `confidence`, `atServer`) about the first capture's
 * handshakes.
 */
import type { ReportCapture, ReportDiagnosis } from '../analyzer/buildReport.js';
import { correlateCaptures } from '../analyzer/correlation/correlateCaptures.js';
import { NO_FINDINGS } from '../analyzer/diagnosis/attemptFindings.js';
import { diagnoseSingle } from '../analyzer/diagnosis/diagnoseSingle.js';
import type { Lang } from '../analyzer/explain/language.js';

export function diagnoseCaptures(captures: readonly ReportCapture[], language: Lang): ReportDiagnosis {
  if (captures.length === 0) return { diagnoses: [], findings: NO_FINDINGS };
  const [first, second] = captures;
  const { diagnoses, findings } = second === undefined
    ? diagnoseSingle(first.analysis, first.role, language)
    : correlateCaptures(first.analysis, second.analysis, language);
  return { diagnoses, findings };
}
