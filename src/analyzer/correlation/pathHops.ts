/**
 * Between which two capture points a SYN or its answer vanished. Along the path, the points that hold the
 * SYN come first and those that miss it after (the first loss stops it); the SYN-ACK travels the other
 * way, so the points that hold it are the last ones. Points that do not follow that pattern (a capture
 * that lost packets of its own) locate nothing.
 */
import type { NatSide, PathStep } from './attemptPath.js';

export interface PathPoint {
  capture: number;
  side: NatSide | null;
}

export interface PathHop {
  /** The last point that holds it (for a SYN-ACK: the point nearest the client that holds it). */
  lastSeen: PathPoint;
  /** The next point, which recorded the moment and misses it. */
  missing: PathPoint;
}

const point = (step: PathStep): PathPoint => ({ capture: step.capture, side: step.side });

/** Where the SYN stopped: a seen prefix of the points, then only points that miss it. */
export function synLossHop(steps: readonly PathStep[]): PathHop | null {
  const firstMissing = steps.findIndex((step) => !step.seen);
  if (firstMissing <= 0 || steps.slice(firstMissing).some((step) => step.seen)) return null;
  return { lastSeen: point(steps[firstMissing - 1]), missing: point(steps[firstMissing]) };
}

/** Where the answer stopped on its way back: points that miss it, then a suffix that holds it. */
export function replyLossHop(steps: readonly PathStep[]): PathHop | null {
  const firstReplied = steps.findIndex((step) => step.replied);
  if (firstReplied <= 0 || steps.slice(firstReplied).some((step) => !step.replied)) return null;
  return { lastSeen: point(steps[firstReplied]), missing: point(steps[firstReplied - 1]) };
}
