/**
 * Where correlation and diagnosis (src/analyzer/correlation, src/analyzer/diagnosis) join the command
 * line. Given the analysed captures (the first is `single` or `client`), they return the diagnoses, in
 * the chosen language, and the findings (`cause`, `confidence`, `atServer`) about the first capture's
 * handshakes; the evidence files given with `--evidence` are then weighed against them.
 */
import type { ReportCapture, ReportDiagnosis } from '../analyzer/buildReport.js';
import { correlateCaptures } from '../analyzer/correlation/correlateCaptures.js';
import { correlatePath } from '../analyzer/correlation/correlatePath.js';
import { NO_FINDINGS } from '../analyzer/diagnosis/attemptFindings.js';
import { diagnoseSingle } from '../analyzer/diagnosis/diagnoseSingle.js';
import { isRejection, type EvidenceFile, type EvidenceRejection } from '../analyzer/evidence/evidenceFile.js';
import { evidenceFilesJson } from '../analyzer/evidence/evidenceReport.js';
import { weighEvidence } from '../analyzer/evidence/weighEvidence.js';
import { textsFor } from '../analyzer/explain/catalog.js';
import type { Lang } from '../analyzer/explain/language.js';

/**
 * `server`: the index of the capture named the server's; with two captures and it given, the pair is
 * correlated as always; more captures, or two without it, are a path (correlatePath.ts), whose roles
 * are set by the order found: the capture found at the server gets role `server`. The evidence files
 * are then weighed against the diagnoses.
 */
export function diagnoseCaptures(
  captures: readonly ReportCapture[], language: Lang, server: number | null = captures.length === 2 ? 1 : null, evidence: readonly (EvidenceFile | EvidenceRejection)[] = [],
): ReportDiagnosis {
  const diagnosis = capturesDiagnosis(captures, language, server);
  if (evidence.length === 0 || captures.length === 0) return diagnosis;
  const texts = textsFor(language).evidence;
  const rows = diagnosis.path?.rows ?? captures[0].analysis.handshakes;
  const ports = new Map(rows.map((h) => [h.id, h.server.port] as const));
  const files = evidence.filter((read): read is EvidenceFile => !isRejection(read));
  const weighed = weighEvidence({ diagnoses: diagnosis.diagnoses, findings: diagnosis.findings }, { files, texts, serverPortOf: (id) => ports.get(id) ?? null });
  return { ...diagnosis, ...weighed, evidenceFiles: evidenceFilesJson(evidence, texts) };
}

function capturesDiagnosis(captures: readonly ReportCapture[], language: Lang, server: number | null): ReportDiagnosis {
  if (captures.length === 0) return { diagnoses: [], findings: NO_FINDINGS };
  const [first, second] = captures;
  if (second === undefined) return diagnoseSingle(first.analysis, first.role, language);
  if (captures.length === 2 && server === 1) return correlateCaptures(first.analysis, second.analysis, language);
  const path = correlatePath(captures.map((c) => ({ name: c.path, capture: c.analysis })), server, language);
  return { diagnoses: path.correlation.diagnoses, findings: path.findings, path: { rows: path.rows.map((row) => row.attempt), clocks: path.clocks, server: path.order.server } };
}
