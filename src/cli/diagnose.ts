/**
 * Where correlation and diagnosis (src/analyzer/correlation, issue 4) join the command line. Given the
 * analysed captures (the first is `single` or `client`), they write `cause`, `confidence` and
 * `atServer` into the first capture's handshakes and return the diagnoses, in the chosen language.
 * Until they land, nothing is attributed and both captures are reported side by side.
 */
import type { ReportCapture } from '../analyzer/buildReport.js';
import type { DiagnosisJson } from '../analyzer/report.js';
import type { Language } from './messages.js';

export function diagnoseCaptures(captures: readonly ReportCapture[], language: Language): DiagnosisJson[] {
  void captures;
  void language;
  return [];
}
