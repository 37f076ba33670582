/**
 * What a diagnosis concluded about each attempt, as a value beside the attempts rather than written into
 * them: the same capture can be diagnosed alone and in several pairs, and each result stays its own.
 */
import type { Confidence, ServerView } from '../model.js';
import type { AttemptCause, Attribution } from './attribution.js';
import type { PathStep } from '../correlation/attemptPath.js';

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

/** The findings of attributed attempts, with the server's view of matched ones (`atServerOf`). */
export function findingsOf(attributions: readonly Attribution[], atServerOf: ReadonlyMap<number, ServerView> = new Map()): AttemptFindings {
  const findings = new Map<number, AttemptFinding>();
  for (const [id, atServer] of atServerOf) findings.set(id, { cause: null, confidence: null, atServer });
  for (const { attempt, cause, confidence } of attributions) {
    findings.set(attempt.id, { cause, confidence, atServer: atServerOf.get(attempt.id) ?? null });
  }
  return findings;
}
