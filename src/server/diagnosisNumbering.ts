/** Diagnoses, explanations and findings moved from one capture's attempt numbering into another's. */
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

/** A map keyed by attempt id (explanations, findings) in the numbering `idOf` gives; ids it does not know are left out. */
export function renumbered<V>(byId: ReadonlyMap<number, V>, idOf: (id: number) => number | undefined): Map<number, V> {
  const moved = new Map<number, V>();
  for (const [id, value] of byId) {
    const mapped = idOf(id);
    if (mapped !== undefined) moved.set(mapped, value);
  }
  return moved;
}
