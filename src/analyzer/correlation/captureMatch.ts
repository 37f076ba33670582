/**
 * Which captures share an opened capture's traffic, found by content alone: a SYN keeps its ISN and its
 * TSval along the path (Linux SNAT rewrites addresses and ports, not those), so the (ISN, TSval) of the
 * SYNs is a key across NAT; the overlap of the recorded spans ranks captures that hold the same number of
 * attempts. Cheap: a set of keys per capture, built once.
 */
import type { HandshakeAttempt } from '../model.js';

/** What a capture is matched by: its SYNs' keys, its attempts and its recorded span. */
export interface CaptureFingerprint {
  /** `isn/tsval` of every SYN transmission (`isn/-` without a TSval). */
  synKeys: ReadonlySet<string>;
  /** Per listed attempt, the keys of its SYNs. */
  attempts: ReadonlyArray<readonly string[]>;
  /** Epoch seconds of the first and last record; null for a capture without records. */
  start: number | null;
  end: number | null;
}

export interface CaptureMatch {
  /** Attempts of the opened capture with a SYN in the candidate. */
  matched: number;
  /** Attempts of the opened capture. */
  attempts: number;
  /** Share of the shorter span that both captures recorded, 0 to 1 (0 when either has no records). */
  overlap: number;
}

function synKey(isn: number, tsval: number | null): string {
  return `${isn}/${tsval ?? '-'}`;
}

export function captureFingerprint(capture: { handshakes: readonly HandshakeAttempt[]; summary: { start: number | null; end: number | null } }): CaptureFingerprint {
  const attempts = capture.handshakes.map((attempt) => attempt.syns.map((syn) => synKey(attempt.isn, syn.tsval)));
  return { synKeys: new Set(attempts.flat()), attempts, start: capture.summary.start, end: capture.summary.end };
}

function spanOverlap(a: CaptureFingerprint, b: CaptureFingerprint): number {
  if (a.start === null || a.end === null || b.start === null || b.end === null) return 0;
  const shared = Math.min(a.end, b.end) - Math.max(a.start, b.start);
  if (shared < 0) return 0;
  const shorter = Math.min(a.end - a.start, b.end - b.start);
  return shorter <= 0 ? 1 : Math.min(1, shared / shorter);
}

/** How much of `opened`'s traffic `candidate` holds. */
export function matchCapture(opened: CaptureFingerprint, candidate: CaptureFingerprint): CaptureMatch {
  const matched = opened.attempts.filter((keys) => keys.some((key) => candidate.synKeys.has(key))).length;
  return { matched, attempts: opened.attempts.length, overlap: spanOverlap(opened, candidate) };
}

/** The candidates that share at least one attempt, best first: the most attempts, then the most overlap. */
export function rankMatches<T extends { match: CaptureMatch }>(candidates: readonly T[]): T[] {
  return candidates
    .filter((candidate) => candidate.match.matched > 0)
    .sort((a, b) => b.match.matched - a.match.matched || b.match.overlap - a.match.overlap);
}

/**
 * The one candidate that clearly shares the traffic, or null: it holds at least half of the opened
 * capture's attempts, and no other holds even half as many as it does.
 */
export function clearMatch<T extends { match: CaptureMatch }>(ranked: readonly T[]): T | null {
  const [best, next] = ranked;
  if (best === undefined || best.match.matched * 2 < best.match.attempts) return null;
  return next === undefined || next.match.matched * 2 < best.match.matched ? best : null;
}
