/** Diagnoses and findings moved from one capture's attempt numbering into another's. */
import type { AttemptFinding, AttemptFindings } from '../analyzer/diagnosis/attemptFindings.js';
import type { DiagnosisJson } from '../analyzer/report.js';

/** The diagnoses with their handshake ids (evidence ids too) in the numbering `idOf` gives; ids it does not know are left out. */
export function inNumbering(diagnoses: readonly DiagnosisJson[], idOf: (id: number) => number | undefined): DiagnosisJson[] {
  const map = (ids: readonly number[]) => ids.flatMap((id) => {
    const mapped = idOf(id);
    return mapped === undefined ? [] : [mapped];
  });
  return diagnoses.map((diagnosis) => ({
    ...diagnosis,
    handshakeIds: map(diagnosis.handshakeIds),
    evidence: diagnosis.evidence.map((evidence) => ({ ...evidence, handshakeIds: map(evidence.handshakeIds) })),
  }));
}

/** The findings by the ids `idOf` gives (several ids each when it returns several). */
export function findingsInNumbering(findings: AttemptFindings, idOf: (id: number) => readonly number[]): Map<number, AttemptFinding> {
  const moved = new Map<number, AttemptFinding>();
  for (const [id, finding] of findings) for (const mapped of idOf(id)) moved.set(mapped, finding);
  return moved;
}
