/**
 * `analyze --follow`: a capture read while it is written (`tcpdump -U -w FILE`, or `-` from a pipe).
 * Each attempt is printed once its verdict is final (handshakes/decided.ts), a summary line goes to
 * stderr every few seconds, and when the capture ends (the pipe closes, SIGINT, SIGTERM) the whole
 * capture is judged as a batch analysis would and the attempts not yet printed follow, then the
 * diagnoses. Rows go to stdout, everything else to stderr, so `| jq` sees only rows.
 */
import type { Readable } from 'node:stream';
import { handshakeJson, toReport, type ReportCapture } from '../analyzer/buildReport.js';
import { CaptureSetReader, type CaptureSetMember } from '../analyzer/capture/captureSet.js';
import { NoDataYet } from '../analyzer/capture/noDataYet.js';
import { compressionOf } from '../analyzer/capture/compression/compressionFormat.js';
import type { CaptureWarning } from '../analyzer/capture/types.js';
import { CaptureScan, type CaptureAnalysis } from '../analyzer/captureScan.js';
import type { Lang } from '../analyzer/explain/language.js';
import { endpointText, type HandshakeAttempt } from '../analyzer/model.js';
import { CaptureError } from '../analyzer/errors.js';
import { WatchedUntil } from '../analyzer/watchedUntil.js';
import { GrowingFile } from '../node/growingFile.js';
import { PipeQueue } from '../node/pipeQueue.js';
import { nextRotatedFile } from '../node/rotationNext.js';
import type { CaptureInput } from './arguments.js';
import { diagnoseCaptures } from './diagnose.js';
import type { Messages } from './messages.js';
import { attemptLine, summaryLines } from './tableFormat.js';
import { wantsColour, type Stream } from './terminal.js';

/** How often a growing file is looked at again once its end has been read: short, and no busy loop. */
export const POLL_MS = 200;
/** How often a followed file's folder is looked at for the file a rotation put after it. */
const ROTATION_LOOK_MS = 1000;
/** The summary line's period on stderr. */
export const SUMMARY_EVERY_MS = 5000;
/** Records analysed between two looks at the decided attempts and at the signals. */
const SLICE = 16_384;

export const CAPTURE_REWRITTEN_WARNING = 'capture-rewritten';

export interface FollowOptions {
  input: Extract<CaptureInput, { kind: 'file' } | { kind: 'stdin' }>;
  format: 'table' | 'ndjson';
  failedOnly: boolean;
  maxRows: number;
  language: Lang;
  messages: Messages;
  stdout: Stream;
  stderr: Stream;
  stdin: Readable;
  env: NodeJS.ProcessEnv;
  /** Registers what to do on SIGINT/SIGTERM; returns the unregistration. */
  onStop(stop: () => void): () => void;
}

/** Where the followed bytes come from: a file and those a rotation puts after it, or a pipe. */
interface FollowedInput {
  readonly name: string;
  /** The set's files so far; a rotation adds to it. */
  readonly members: CaptureSetMember[];
  /** Warnings of the following itself (a file rewritten under the reader). */
  readonly warnings: CaptureWarning[];
  /** Whether no more bytes will come (the pipe closed). */
  readonly closed: boolean;
  /** Called when the reader found no more bytes: rotation and truncation are looked for here. */
  atEndOfData(lastTime: number): void;
  /** Resolves after `ms`, or sooner when more bytes may be there. */
  wait(ms: number): Promise<void>;
  /** The end of what is there now is the end of the capture. */
  end(): void;
}

function delay(ms: number, wake: { now: (() => void) | null }): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    function done(): void {
      clearTimeout(timer);
      wake.now = null;
      resolve();
    }
    wake.now = done;
  });
}

class FollowedFile implements FollowedInput {
  readonly members: CaptureSetMember[] = [];
  readonly warnings: CaptureWarning[] = [];
  readonly closed = false;
  private readonly files: GrowingFile[] = [];
  readonly wake: { now: (() => void) | null } = { now: null };
  private lookedForRotationAt = 0;

  constructor(readonly name: string) {
    this.add(name);
  }

  private add(path: string): void {
    const file = new GrowingFile(path);
    this.files.push(file);
    // Opened already: the set reader's open() hands it over; closing is the set's when it moves on.
    this.members.push({ name: path, size: Infinity, open: () => ({ source: file, close: () => file.close() }) });
  }

  private get current(): GrowingFile {
    return this.files[this.files.length - 1];
  }

  atEndOfData(lastTime: number): void {
    const current = this.current;
    if (current.rewritten()) {
      this.warnings.push({
        code: CAPTURE_REWRITTEN_WARNING,
        message: `${current.path} was truncated or replaced while it was read (tcpdump -G or -W writing the name again): `
          + 'what was read of it is kept, and it is read again from its start as the next file of the capture',
        offset: current.currentSize(),
        file: current.path,
      });
      current.end();
      this.add(current.path);
      return;
    }
    // The folder is listed and its candidates' first records read at most once a second, not at each poll.
    if (!Number.isFinite(lastTime) || Date.now() - this.lookedForRotationAt < ROTATION_LOOK_MS) return;
    this.lookedForRotationAt = Date.now();
    const next = nextRotatedFile(current.path, lastTime);
    if (next === null || this.files.some((file) => file.path === next && file !== current && !file.rewritten())) return;
    current.end();
    this.add(next);
  }

  wait(ms: number): Promise<void> {
    return delay(ms, this.wake);
  }

  end(): void {
    for (const file of this.files) file.end();
    this.wake.now?.();
  }
}

class FollowedPipe implements FollowedInput {
  readonly name = '-';
  readonly members: CaptureSetMember[];
  readonly warnings: CaptureWarning[] = [];
  private readonly queue: PipeQueue;
  private readonly wake: { now: (() => void) | null } = { now: null };

  constructor(stdin: Readable) {
    this.queue = new PipeQueue(stdin);
    const source = this.queue.source();
    this.members = [{ name: '-', size: Infinity, open: () => ({ source, close: () => this.queue.close() }) }];
  }

  get closed(): boolean {
    return this.queue.done;
  }

  atEndOfData(): void {
    // A pipe has no rotation: its writer decides when it ends.
  }

  wait(ms: number): Promise<void> {
    return Promise.race([delay(ms, this.wake), this.queue.whenReadable()]).then(() => this.wake.now?.());
  }

  end(): void {
    this.queue.finish();
    this.wake.now?.();
  }
}

/** An attempt as the same attempt in the final analysis: its endpoints, ISN and first SYN time. */
function attemptKey(attempt: HandshakeAttempt): string {
  return `${endpointText(attempt.client)}|${endpointText(attempt.server)}|${attempt.isn}|${attempt.synTime}`;
}

/**
 * The scan of the followed capture, once its first bytes are there. A compressed capture is refused:
 * a decoder cannot wait for bytes in the middle of a block.
 */
function followedScan(followed: FollowedInput, rowLimit: number): CaptureScan {
  // By the first bytes, before a decoder starts reading (and waiting) inside the compressed data.
  const head = new Uint8Array(4);
  const { source } = followed.members[0].open();
  for (let length = 0, read = 1; length < head.length && read > 0; length += read) read = source.readAt(head.subarray(length), length);
  const compression = compressionOf(head);
  if (compression !== null) {
    throw new CaptureError(followed.name, 0, `a ${compression} capture cannot be followed while it is written: `
      + 'decompress it into a pipe (zcat -f FILE | handshake-lens analyze - --follow), or analyze it without --follow', 'compressed-follow');
  }
  return new CaptureScan(new CaptureSetReader(followed.members), followed.name, { rowLimit, reportDecided: true });
}

function nextTurn(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/** Follows the capture until it ends or a signal stops it; throws CaptureError as a batch analysis does. */
export async function runFollow(options: FollowOptions): Promise<void> {
  const { messages, stdout, stderr } = options;
  const followed: FollowedInput = options.input.kind === 'stdin' ? new FollowedPipe(options.stdin) : new FollowedFile(options.input.path);
  const colour = wantsColour(stdout, options.env);
  let stopping = false;
  const unregister = options.onStop(() => {
    stopping = true;
    followed.end();
  });
  const printed = new Set<string>();
  let passed = 0;
  let failed = 0;
  const print = (attempt: HandshakeAttempt): void => {
    printed.add(attemptKey(attempt));
    if (attempt.verdict === 'pass') passed++;
    else if (attempt.verdict === 'fail') failed++;
    if (options.failedOnly && attempt.verdict !== 'fail') return;
    const row = handshakeJson(attempt);
    stdout.write(options.format === 'ndjson' ? `${JSON.stringify(row)}\n` : `${attemptLine(row, messages, colour)}\n`);
  };
  let scan: CaptureScan | null = null;
  const watched = new WatchedUntil();
  let lastSummaryAt = Date.now();
  const summary = (): void => {
    stderr.write(`${messages.followSummary(followed.name, printed.size, passed, failed, scan?.undecided ?? 0, scan?.recordCount ?? 0)}\n`);
    lastSummaryAt = Date.now();
  };
  try {
    for (;;) {
      let waiting = false;
      try {
        scan ??= followedScan(followed, options.maxRows);
        scan.step(SLICE);
      } catch (error) {
        if (!(error instanceof NoDataYet)) throw error;
        waiting = true;
      }
      if (scan !== null) {
        for (const attempt of scan.takeDecided(watched.after(scan, waiting))) print(attempt);
        if (scan.done) break;
      }
      if (Date.now() - lastSummaryAt >= SUMMARY_EVERY_MS) summary();
      if (!waiting) {
        await nextTurn();
      } else if (stopping || followed.closed) {
        followed.end();
      } else {
        followed.atEndOfData(scan?.latestTime ?? -Infinity);
        await followed.wait(POLL_MS);
      }
    }
  } finally {
    unregister();
  }
  const judged = scan.result(undefined, watched.value);
  const analysis: CaptureAnalysis = { ...judged, warnings: [...judged.warnings, ...followed.warnings] };
  finish(options, { path: followed.name, role: 'single', analysis }, print, printed);
  summary();
}

/** The batch judgement of the whole capture: the attempts not printed yet, then the summary and the diagnoses. */
function finish(options: FollowOptions, capture: ReportCapture, print: (attempt: HandshakeAttempt) => void, printed: ReadonlySet<string>): void {
  for (const attempt of capture.analysis.handshakes) if (!printed.has(attemptKey(attempt))) print(attempt);
  const diagnosis = diagnoseCaptures([capture], options.language);
  const lines = summaryLines(toReport([capture], diagnosis), options.messages, wantsColour(options.stdout, options.env));
  (options.format === 'ndjson' ? options.stderr : options.stdout).write(`${lines.join('\n')}\n`);
}
