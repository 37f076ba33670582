/**
 * While a capture is followed as it is written: now and then, the analysis as if the capture ended
 * there (CaptureScan.snapshot), so that causes, diagnoses and charts can be shown before the end. A
 * snapshot judges every listed attempt, so it costs time proportional to them: they are taken at most
 * once a period, only when something was read or decided since the last, and never more often than
 * COST_FACTOR times the last one took, which keeps them to a small share of the reading process however
 * large the capture grows.
 */
import type { CaptureAnalysis, CaptureScan } from './captureScan.js';

export interface LivePublisher {
  /** Wall-clock milliseconds between two snapshots at least (default 5,000). */
  everyMs?: number;
  publish(analysis: CaptureAnalysis): void;
}

export const DEFAULT_LIVE_MS = 5000;
/** A snapshot that took t ms is followed by none sooner than COST_FACTOR × t ms: at most 1/COST_FACTOR of the time. */
export const COST_FACTOR = 20;

export class LiveSnapshots {
  private readonly everyMs: number;
  private nextAt: number;
  private published = { position: -1, listed: -1, undecided: -1 };

  constructor(private readonly publisher: LivePublisher, private readonly scan: CaptureScan, now = Date.now()) {
    this.everyMs = Math.max(0, publisher.everyMs ?? DEFAULT_LIVE_MS);
    this.nextAt = now + this.everyMs;
  }

  /** After a slice of a followed capture; `judgedAt` is the capture time the attempts are judged at (WatchedUntil). */
  afterSlice(judgedAt: number, now = Date.now()): void {
    if (now < this.nextAt) return;
    const { position, listed, undecided } = this.scan;
    const seen = this.published;
    // A quiet capture: the snapshot would say what the last one said (verdicts that time decides show as
    // fewer attempts undecided).
    if (position === seen.position && listed === seen.listed && undecided === seen.undecided) return;
    this.published = { position, listed, undecided };
    const analysis = this.scan.snapshot(judgedAt);
    this.publisher.publish(analysis);
    const took = Date.now() - now;
    this.nextAt = now + Math.max(this.everyMs, COST_FACTOR * took);
  }
}
