/**
 * Where correlation and diagnosis (src/analyzer/correlation, src/analyzer/diagnosis) join the command
 * line. Given the analysed captures (the first is `single` or `client`), they write `cause`,
 * `confidence` and `atServer` into the first capture's handshakes and return the diagnoses, in the
 * chosen language.
 */
import type { ReportCapture } from '../analyzer/buildReport.js';
import { correlateCaptures } from '../analyzer/correlation/correlateCaptures.js';
import { diagnoseSingle } from '../analyzer/diagnosis/diagnoseSingle.js';
import type { DiagnosisJson } from '../analyzer/report.js';
import type { Lang } from '../analyzer/explain/language.js';

export function diagnoseCaptures(captures: readonly ReportCapture[], language: Lang): DiagnosisJson[] {
  if (captures.length === 0) return [];
  const [first, second] = captures;
  if (second === undefined) return diagnoseSingle(first.analysis, first.role, language).diagnoses;
  return correlateCaptures(first.analysis, second.analysis, language).diagnoses;
}
