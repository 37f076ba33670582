/**
 * The diagnoses as the editor is sent them: each list of handshake ids cut to its first SENT_IDS. A flood's
 * "unlocated" diagnosis names every one of ten million attempts, twice (the diagnosis and its evidence):
 * some 150 MB of JSON per message, and the Problems panel's link puts the ids in a command URI. The
 * table finds a cut list's attempts by their cause instead, when the list is exactly the attempts of
 * that cause; otherwise the ids sent are highlighted and the count says how many there were.
 */
import type { DiagnosisCode } from '../analyzer/model.js';
import type { DiagnosisJson, EvidenceJson } from '../analyzer/report.js';
import type { AttemptRows } from './attemptRows.js';

/** Ids per list the editor is sent: as many as the table selects by id (LISTED_SELECTION). */
export const SENT_IDS = 5_000;

/** How many attempts of `rows` have each cause, counted only when a list is cut. */
function causeCounts(rows: AttemptRows): Map<DiagnosisCode, number> {
  const counts = new Map<DiagnosisCode, number>();
  for (let index = 0; index < rows.attemptCount; index++) {
    const cause = rows.causeAt(index);
    if (cause !== null) counts.set(cause, (counts.get(cause) ?? 0) + 1);
  }
  return counts;
}

/**
 * Distinct ids of a list, marked in a bitmap of the view's ids (1 to `rows`), where a Set of ten million
 * numbers cost 400 MB; an id outside them (none is, but nothing here trusts that) is counted in a Set.
 */
function distinctCount(ids: readonly number[], rows: number): number {
  const seen = new Uint8Array((rows >>> 3) + 1);
  const outside = new Set<number>();
  let count = 0;
  for (const id of ids) {
    if (!Number.isInteger(id) || id < 1 || id > rows) {
      outside.add(id);
      continue;
    }
    const bit = 1 << (id & 7);
    if ((seen[id >>> 3] & bit) === 0) {
      seen[id >>> 3] |= bit;
      count++;
    }
  }
  return count + outside.size;
}

/** What was sent of each view's diagnoses: the overview and the Problems panel ask for the same. */
const sent = new WeakMap<readonly DiagnosisJson[], DiagnosisJson[]>();

export function sentDiagnoses(diagnoses: readonly DiagnosisJson[], rows: AttemptRows): DiagnosisJson[] {
  let result = sent.get(diagnoses);
  if (result === undefined) sent.set(diagnoses, (result = cutDiagnoses(diagnoses, rows)));
  return result;
}

function cutDiagnoses(diagnoses: readonly DiagnosisJson[], rows: AttemptRows): DiagnosisJson[] {
  if (!diagnoses.some((d) => d.handshakeIds.length > SENT_IDS || d.evidence.some((e) => e.handshakeIds.length > SENT_IDS))) return [...diagnoses];
  let counts: Map<DiagnosisCode, number> | undefined;
  // A list is its cause's attempts when it names as many distinct attempts as have the cause, each with it.
  const cut = <T extends DiagnosisJson | EvidenceJson>(list: T, code: DiagnosisCode): T => {
    const ids = list.handshakeIds;
    if (ids.length <= SENT_IDS) return list;
    counts ??= causeCounts(rows);
    const distinct = distinctCount(ids, rows.attemptCount);
    const all = distinct === counts.get(code) && ids.every((id) => { const index = rows.indexOf(id); return index !== undefined && rows.causeAt(index) === code; });
    return { ...list, handshakeIds: ids.slice(0, SENT_IDS), handshakeTotal: distinct, ...(all ? { handshakeCause: code } : {}) };
  };
  return diagnoses.map((diagnosis) => ({ ...cut(diagnosis, diagnosis.code), evidence: diagnosis.evidence.map((fact) => cut(fact, diagnosis.code)) }));
}
