/**
 * What an analysis still reading its capture can already show: the attempts whose verdict is final
 * (handshakes/decided.ts) and the counts so far. Each snapshot is a value of its own; they share one
 * append-only log of records, each snapshot seeing the prefix that existed when it was taken, so a
 * snapshot costs no copy of the attempts however many there are.
 */
import type { DecidedTaken } from './handshakes/tracker.js';
import type { HandshakeAttempt } from './model.js';

/** The decided attempts as of one snapshot, in the order their verdicts became final. */
export class DecidedAttempts {
  /** `records` is only ever appended to; this snapshot reads its first `length` entries. */
  constructor(private readonly records: readonly HandshakeAttempt[], readonly length: number) {}

  at(index: number): HandshakeAttempt | undefined {
    return index >= 0 && index < this.length ? this.records[index] : undefined;
  }
}

/**
 * Decided attempts a log keeps as records at most: the table shows them while the capture is read, and
 * the attempts decided after them are counted until the analysis ends and every row is there. A record
 * costs some 500 bytes: a flood of 10,000,000 attempts kept whole filled the language server's heap.
 */
export const MAX_DECIDED_ROWS = 100_000;

/** The growing log of decided attempts behind the snapshots of one analysis. */
export class DecidedLog {
  private readonly records: HandshakeAttempt[] = [];
  private decidedCount = 0;
  private failedCount = 0;

  /** Decided attempts taken from the tracker, of which the log keeps the records it has room for. */
  append(taken: DecidedTaken): void {
    for (const record of taken.records) if (this.records.length < MAX_DECIDED_ROWS) this.records.push(record);
    this.decidedCount += taken.decided;
    this.failedCount += taken.failed;
  }

  /** Records the log can still keep. */
  get room(): number {
    return MAX_DECIDED_ROWS - this.records.length;
  }

  /** Attempts decided so far, kept as records or not. */
  get decided(): number {
    return this.decidedCount;
  }

  /** Of the decided attempts, those that failed. */
  get failed(): number {
    return this.failedCount;
  }

  snapshot(): DecidedAttempts {
    return new DecidedAttempts(this.records, this.records.length);
  }
}

export interface PartialAnalysis {
  /** The file name or URI as the user knows it. */
  name: string;
  /** The first decided attempts, at most MAX_DECIDED_ROWS, in the order their verdicts became final. */
  decided: DecidedAttempts;
  /** Attempts decided so far: `decided` holds the first of them. */
  decidedCount: number;
  /** Of the decided attempts, those that failed. */
  failed: number;
  /** Attempts seen so far, decided or not (the decided ones and those still open). */
  attempts: number;
  bytesRead: number;
  /** The capture's size in bytes. */
  size: number;
  /** Epoch seconds of the earliest record read so far (null before the first): "since the start" counts from it. */
  start: number | null;
  /** The capture is still being written and the analysis waits for more of it at its end. */
  following: boolean;
  /**
   * While the capture is followed: the first attempts whose verdict is not final yet, as they stand (at
   * most MAX_PENDING_ROWS); empty otherwise. Built for this snapshot alone.
   */
  pending: readonly HandshakeAttempt[];
}

/** Pending rows a snapshot carries at most: beyond them the attempts still open are only counted. */
export const MAX_PENDING_ROWS = 1000;
