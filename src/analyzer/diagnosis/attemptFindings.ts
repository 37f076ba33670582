/**
 * What a diagnosis concluded about each attempt, as a value beside the attempts rather than written into
 * them: the same capture can be diagnosed alone and in several pairs, and each result stays its own.
 */
import type { Confidence, ServerView } from '../model.js';
import type { AttemptCause, Attribution } from './attribution.js';
import type { PathStep } from '../correlation/attemptPath.js';
import { ValuesById } from './valuesById.js';

export interface AttemptFinding {
  /** The diagnosis code explaining a failure; null for an attempt only matched (`atServer`) or not failed. */
  cause: AttemptCause | null;
  confidence: Confidence | null;
  /** What the server capture shows of this attempt; null without a server capture or without a match. */
  atServer: ServerView | null;
  /** With several capture points (correlation/correlatePath.ts): every point that could have seen the attempt, in path order. */
  path?: readonly PathStep[];
}

/** By attempt id, in the numbering of the capture the findings are about. Absent: nothing to say. */
export type AttemptFindings = ReadonlyMap<number, AttemptFinding>;

export const NO_FINDINGS: AttemptFindings = new Map();

/**
 * The findings of attributed attempts, with the server's view of matched ones (`atServerOf`). Those
 * without a server view are shared, one value per cause and confidence: a flood's million attempts
 * have a handful of distinct findings, where an object each cost 48 bytes (findings are never modified),
 * and are held as an index per id (valuesById.ts).
 */
export function findingsOf(attributions: readonly Attribution[], atServerOf: ReadonlyMap<number, ServerView> = new Map()): AttemptFindings {
  const findings = new ValuesById<AttemptFinding>();
  const shared = new Map<string, AttemptFinding>();
  let last: AttemptFinding | undefined;
  const unmatched = (cause: AttemptCause | null, confidence: Confidence | null): AttemptFinding => {
    if (last !== undefined && last.cause === cause && last.confidence === confidence) return last;
    const key = `${cause}\n${confidence}`;
    let finding = shared.get(key);
    if (finding === undefined) shared.set(key, (finding = { cause, confidence, atServer: null }));
    return (last = finding);
  };
  for (const [id, atServer] of atServerOf) findings.set(id, { cause: null, confidence: null, atServer });
  // A lone capture has no server views: its attempts need no look-up.
  const matched = atServerOf.size > 0;
  for (const { attempt, cause, confidence } of attributions) {
    const atServer = matched ? atServerOf.get(attempt.id) : undefined;
    findings.set(attempt.id, atServer === undefined ? unmatched(cause, confidence) : { cause, confidence, atServer });
  }
  return findings;
}
