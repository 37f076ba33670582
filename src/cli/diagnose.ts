/**
 * Where correlation and diagnosis (src/analyzer/correlation, src/analyzer/diagnosis) join the command
 * line. Given the analysed captures (the first is `single` or `client`), they return the diagnoses, in
 * the chosen language, and the findings (`cause`, `confidence`, `atServer`) about the first capture's
 * handshakes; the evidence files given with `--evidence` are then weighed against them.
 */
import type { ReportCapture, ReportDiagnosis } from '../analyzer/buildReport.js';
import { correlateCaptures } from '../analyzer/correlation/correlateCaptures.js';
import { NO_FINDINGS } from '../analyzer/diagnosis/attemptFindings.js';
import { diagnoseSingle } from '../analyzer/diagnosis/diagnoseSingle.js';
import { isRejection, type EvidenceFile, type EvidenceRejection } from '../analyzer/evidence/evidenceFile.js';
import { evidenceFilesJson } from '../analyzer/evidence/evidenceReport.js';
import { weighEvidence } from '../analyzer/evidence/weighEvidence.js';
import { textsFor } from '../analyzer/explain/catalog.js';
import type { Lang } from '../analyzer/explain/language.js';

export function diagnoseCaptures(captures: readonly ReportCapture[], language: Lang, evidence: readonly (EvidenceFile | EvidenceRejection)[] = []): ReportDiagnosis {
  if (captures.length === 0) return { diagnoses: [], findings: NO_FINDINGS };
  const [first, second] = captures;
  const { diagnoses, findings } = second === undefined
    ? diagnoseSingle(first.analysis, first.role, language)
    : correlateCaptures(first.analysis, second.analysis, language);
  if (evidence.length === 0) return { diagnoses, findings };
  const texts = textsFor(language).evidence;
  const ports = new Map(first.analysis.handshakes.map((h) => [h.id, h.server.port] as const));
  const files = evidence.filter((read): read is EvidenceFile => !isRejection(read));
  const weighed = weighEvidence({ diagnoses, findings }, { files, texts, serverPortOf: (id) => ports.get(id) ?? null });
  return { ...weighed, evidenceFiles: evidenceFilesJson(evidence, texts) };
}
