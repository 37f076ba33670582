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
}

const DEFAULT_SLICE = 65_536;

/** Lets the event loop run (progress notifications, cancellation requests) between slices. */
function nextTurn(): Promise<void> {
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
  const scan = new CaptureScan(openCaptureOrSet(source, name), name, options);
  const size = captureOrSetSize(source);
  const slice = Math.max(1, options.yieldEvery ?? DEFAULT_SLICE);
  while (!scan.done) {
    scan.step(slice);
    options.onProgress?.(scan.position, size);
    if (!scan.done && options.isCancelled?.()) return scan.result(cancelledWarning(scan.position, size));
    if (!scan.done) await nextTurn();
  }
  return scan.result();
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
