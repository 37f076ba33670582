/**
 * The analysis of one capture, for every front end: the CLI and the benchmark call the synchronous
 * form; the language server calls the asynchronous one, which yields between slices of records so that
 * it can report progress and honour cancellation.
 */
import type { ByteSource, CaptureWarning } from './capture/types.js';
import { captureOrSetSize, CaptureSetReader, openCaptureOrSet, type CaptureOrSet, type CaptureSetMember } from './capture/captureSet.js';
import { CANCELLED_WARNING } from './capture/warningCodes.js';

export { CANCELLED_WARNING };
import { CaptureScan, type CaptureAnalysis, type ScanOptions } from './captureScan.js';
import { DecidedLog, MAX_PENDING_ROWS, type PartialAnalysis } from './partialAnalysis.js';
import { NoDataYet } from './capture/noDataYet.js';
import { WatchedUntil } from './watchedUntil.js';
import { LiveSnapshots, type LivePublisher } from './liveSnapshots.js';

export type { CaptureAnalysis, ScanOptions, UnlistedAttemptsInfo } from './captureScan.js';

export interface AnalyzeOptions extends ScanOptions {
  /** Called after each slice with the bytes read so far and the capture's size. */
  onProgress?(bytesRead: number, total: number): void;
  /**
   * Polled after each slice; when it returns true the analysis stops there and returns what was read,
   * with an `analysis-cancelled` warning saying where (what was read is the user's to look at).
   */
  isCancelled?(): boolean;
  /** Records per slice (default 65,536: a few milliseconds of work). */
  yieldEvery?: number;
  /** Snapshots of the attempts decided while the capture is read, so that rows can be shown before its end. */
  partial?: PartialPublisher;
  /**
   * The capture is still being written (its source throws NoDataYet at the end of what is there): the
   * analysis waits for more at its end until the follow ends the source, then judges what was read.
   */
  follow?: CaptureFollow;
  /** While the capture is followed: the analysis as it stands, with its causes, now and then (liveSnapshots.ts). */
  live?: LivePublisher;
}

/** How an analysis waits at the end of a capture being written (the language server's followedCapture.ts). */
export interface CaptureFollow {
  /** Whether the capture is followed now (it may still be watched for growth before it is). */
  readonly following: boolean;
  /** Resolves when more bytes may be there, or once the source was ended (then its end is the capture's). */
  atEndOfData(): Promise<void>;
  /** Bytes in the capture now, for progress (its size is not known while it grows). */
  currentSize(): number;
  /**
   * Paused by the user: the read answers with the capture as it stands (CaptureScan.snapshot) and can be
   * run on later from where it stopped (CaptureRead.run), the file neither ended nor read again.
   */
  readonly paused?: boolean;
}

export interface PartialPublisher {
  /** Wall-clock milliseconds between two snapshots (default 250); the first rows go out as soon as they are decided. */
  everyMs?: number;
  publish(partial: PartialAnalysis): void;
  /** The read is over and the result is being built: the snapshots' records are to be let go. */
  end(): void;
}

const DEFAULT_SLICE = 65_536;
const DEFAULT_PARTIAL_MS = 250;

/**
 * Publishes snapshots between slices, from the first decided attempt on. Until then the decided ones are
 * looked for after every slice (the first rows should not wait), then once per period: a look costs a
 * pass over the attempts still open.
 */
class PartialSnapshots {
  private readonly log = new DecidedLog();
  /** The publisher of the run under way: a read paused and run on publishes to the new run's. */
  publisher: PartialPublisher;
  private readonly everyMs: number;
  private publishedAt = -Infinity;
  private published = { position: -1, listed: -1, following: false };

  constructor(publisher: PartialPublisher, private readonly scan: CaptureScan, private readonly size: () => number, private readonly follow: CaptureFollow | undefined) {
    this.publisher = publisher;
    this.everyMs = Math.max(0, publisher.everyMs ?? DEFAULT_PARTIAL_MS);
  }

  /** Publishes again at the next slice, though nothing changed: a new run's reader has seen nothing yet. */
  republish(): void {
    this.publishedAt = -Infinity;
    this.published = { position: -1, listed: -1, following: false };
  }

  /**
   * `watchedUntil` is the capture time the attempts are judged at (WatchedUntil); `waiting` says the
   * analysis is at the end of a capture being written: a followed one is shown even before its first row.
   */
  afterSlice(watchedUntil = -Infinity, waiting = false): void {
    const now = Date.now();
    const following = this.follow?.following ?? false;
    if ((this.log.decided > 0 || following) && now - this.publishedAt < this.everyMs) return;
    const before = this.log.decided;
    this.log.append(this.scan.takeDecided(watchedUntil, this.log.room));
    // No rows yet, nothing to show: the editor keeps its placeholder rather than an empty table.
    if (!(waiting && following) && (this.log.decided === 0 || (now - this.publishedAt < this.everyMs && this.log.decided === before))) return;
    // A quiet capture being followed: the snapshot would be the last one again.
    const unchanged = this.log.decided === before && this.scan.position === this.published.position && this.scan.listed === this.published.listed;
    if (unchanged && following === this.published.following) return;
    this.publishedAt = now;
    this.published = { position: this.scan.position, listed: this.scan.listed, following };
    this.publisher.publish({
      name: this.scan.name,
      decided: this.log.snapshot(),
      decidedCount: this.log.decided,
      failed: this.log.failed,
      attempts: this.scan.listed,
      bytesRead: this.scan.position,
      size: this.size(),
      start: this.scan.earliestTime,
      following,
      pending: following ? this.scan.openRecords(watchedUntil, MAX_PENDING_ROWS) : [],
    });
  }
}

/** The scan of the capture; one being written may not hold its whole header yet, which is waited for. */
async function openedScan(source: CaptureOrSet, name: string, options: ScanOptions, follow: CaptureFollow | undefined): Promise<CaptureScan> {
  for (;;) {
    try {
      return new CaptureScan(openCaptureOrSet(source, name), name, options);
    } catch (error) {
      if (!(follow && error instanceof NoDataYet)) throw error;
      await follow.atEndOfData();
    }
  }
}

/** Lets the event loop run (progress notifications, cancellation requests) between slices. */
export function nextTurn(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}

/** The warning of an analysis stopped by the user at `offset` of `size` bytes. */
export function cancelledWarning(offset: number, size: number): CaptureWarning {
  const percent = size > 0 ? Math.floor((100 * offset) / size) : 100;
  return {
    code: CANCELLED_WARNING,
    message: `analysis cancelled at ${percent} % of the file: only the attempts read before are shown, and the last of them may be judged too early`,
    offset,
  };
}

/**
 * Throws CaptureError for unreadable input; a cancelled analysis returns what it read (see isCancelled).
 * A capture set's files are read one after the other as one capture; progress counts all of them.
 */
export async function analyzeCapture(source: CaptureOrSet, name: string, options: AnalyzeOptions = {}): Promise<CaptureAnalysis> {
  return (await openCaptureRead(source, name, options)).run(options);
}

/** The read of a capture, opened (a capture being written may not hold its header yet: it is waited for) and not run yet. */
export async function openCaptureRead(source: CaptureOrSet, name: string, options: AnalyzeOptions = {}): Promise<CaptureRead> {
  const { partial, follow } = options;
  const scan = await openedScan(source, name, partial || follow ? { ...options, reportDecided: true } : options, follow);
  return new CaptureRead(scan, captureOrSetSize(source), follow);
}

/**
 * One read of a capture and what it keeps between runs: the scan (reader and tracker), the clock of a
 * followed capture and the decided rows shown. A run ends at the end of the capture, at a cancel, or,
 * for a followed capture, when it is paused: then `paused` is true and the next run goes on from there.
 */
export class CaptureRead {
  private readonly watched = new WatchedUntil();
  private snapshots: PartialSnapshots | null = null;
  private readonly size: () => number;

  constructor(private readonly scan: CaptureScan, fixedSize: number, private readonly follow: CaptureFollow | undefined) {
    this.size = follow ? () => follow.currentSize() : () => fixedSize;
  }

  /** The last run ended at a pause, not at the end of the capture: it can be run on. */
  get paused(): boolean {
    return !this.scan.done && this.follow?.paused === true;
  }

  /**
   * The analysis as if the capture ended now (CaptureScan.snapshot), the read going on: taken between two
   * slices of a run, as every caller on the event loop takes it.
   */
  snapshot(): CaptureAnalysis {
    return this.scan.snapshot(this.watched.value);
  }

  /** The capture's name as the user knows it. */
  get name(): string {
    return this.scan.name;
  }

  async run(options: AnalyzeOptions = {}): Promise<CaptureAnalysis> {
    const { scan, watched, follow, size } = this;
    const { partial } = options;
    if (partial) {
      if (this.snapshots === null) this.snapshots = new PartialSnapshots(partial, scan, size, follow);
      this.snapshots.publisher = partial;
      this.snapshots.republish();
    }
    const snapshots = partial ? this.snapshots : null;
    const live = options.live && follow ? new LiveSnapshots(options.live, scan) : null;
    const slice = Math.max(1, options.yieldEvery ?? DEFAULT_SLICE);
    while (!scan.done) {
      // Paused: the capture as it stands, the scan kept for the next run.
      if (follow?.paused) {
        partial?.end();
        return scan.snapshot(watched.value);
      }
      let waiting = false;
      try {
        scan.step(slice);
      } catch (error) {
        if (!(follow && error instanceof NoDataYet)) throw error;
        waiting = true;
      }
      options.onProgress?.(scan.position, size());
      if (!scan.done && options.isCancelled?.()) {
        partial?.end();
        return scan.result(cancelledWarning(scan.position, size()), watched.value);
      }
      if (scan.done) break;
      // Only a file seen growing ages its attempts by the wall clock: one just written and complete
      // (copied, rotated) is waited on for a moment in case it grows, and that wait is not capture time.
      const judgedAt = follow ? watched.after(scan, waiting && follow.following) : -Infinity;
      snapshots?.afterSlice(judgedAt, waiting);
      if (follow?.following) live?.afterSlice(judgedAt);
      await (waiting ? follow!.atEndOfData() : nextTurn());
    }
    partial?.end();
    // The decided log is let go before the final records are built: they would otherwise be held twice.
    this.snapshots = null;
    return scan.result(undefined, watched.value);
  }
}

/** The same analysis in one go; `onProgress` is still called between slices (the CLI's progress line). */
export function analyzeCaptureSync(
  source: ByteSource, name: string, onProgress?: (bytesRead: number, total: number) => void, options: ScanOptions = {},
): CaptureAnalysis {
  return scanSync(new CaptureScan(source, name, options), () => source.size, onProgress);
}

/**
 * A capture set (captureSet.ts) as one capture, its files in the order given (setOrder.ts orders them);
 * progress counts the bytes of all its files.
 */
export function analyzeCaptureSetSync(
  members: readonly CaptureSetMember[], name: string, onProgress?: (bytesRead: number, total: number) => void, options: ScanOptions = {},
): CaptureAnalysis {
  const reader = new CaptureSetReader(members);
  return scanSync(new CaptureScan(reader, name, options), () => reader.size, onProgress);
}

function scanSync(scan: CaptureScan, total: () => number, onProgress: ((bytesRead: number, total: number) => void) | undefined): CaptureAnalysis {
  while (!scan.done) {
    scan.step(onProgress === undefined ? Infinity : DEFAULT_SLICE);
    onProgress?.(scan.position, total());
  }
  return scan.result();
}
