/**
 * `analyze --follow`: a capture read while it is written (`tcpdump -U -w FILE`, or `-` from a pipe).
 * Each attempt is printed once its verdict is final (handshakes/decided.ts), a summary line goes to
 * stderr every few seconds, and when the capture ends (the pipe closes, SIGINT, SIGTERM) the whole
 * capture is judged as a batch analysis would and the attempts not yet printed follow, then the
 * diagnoses. Rows go to stdout, everything else to stderr, so `| jq` sees only rows. With `--server`, a
 * server capture file is followed beside it (both may be growing) and the end correlates the two.
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
  /** `--server FILE`: the server's capture, followed beside the client's and correlated with it at the end. */
  server?: string;
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

/** One followed capture's read: its input, its scan once its header is there, and the time it was watched until. */
class Follower {
  private scan: CaptureScan | null = null;
  private readonly watched = new WatchedUntil();
  /** The last step found no more bytes. */
  waiting = false;

  constructor(readonly followed: FollowedInput, private readonly rowLimit: number) {}

  get done(): boolean {
    return this.scan?.done === true;
  }

  get undecided(): number {
    return this.scan?.undecided ?? 0;
  }

  get recordCount(): number {
    return this.scan?.recordCount ?? 0;
  }

  /** Reads a slice; the attempts whose verdict became final by now. */
  step(): HandshakeAttempt[] {
    this.waiting = false;
    try {
      this.scan ??= followedScan(this.followed, this.rowLimit);
      this.scan.step(SLICE);
    } catch (error) {
      if (!(error instanceof NoDataYet)) throw error;
      this.waiting = true;
    }
    return this.scan === null ? [] : this.scan.takeDecided(this.watched.after(this.scan, this.waiting)).records;
  }

  /** At the end of what is there: rotation and truncation are looked for. */
  atEndOfData(): void {
    this.followed.atEndOfData(this.scan?.latestTime ?? -Infinity);
  }

  /** The whole capture judged, with the warnings of the following itself. */
  analysis(): CaptureAnalysis {
    const judged = this.scan!.result(undefined, this.watched.value);
    return { ...judged, warnings: [...judged.warnings, ...this.followed.warnings] };
  }
}

/** Follows the capture until it ends or a signal stops it; throws CaptureError as a batch analysis does. */
export async function runFollow(options: FollowOptions): Promise<void> {
  const { messages, stdout, stderr } = options;
  const client = new Follower(options.input.kind === 'stdin' ? new FollowedPipe(options.stdin) : new FollowedFile(options.input.path), options.maxRows);
  const server = options.server === undefined ? null : new Follower(new FollowedFile(options.server), options.maxRows);
  const followers = server === null ? [client] : [client, server];
  const colour = wantsColour(stdout, options.env);
  let stopping = false;
  const unregister = options.onStop(() => {
    stopping = true;
    for (const follower of followers) follower.followed.end();
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
  let lastSummaryAt = Date.now();
  const summary = (): void => {
    stderr.write(`${messages.followSummary(client.followed.name, printed.size, passed, failed, client.undecided, client.recordCount)}\n`);
    lastSummaryAt = Date.now();
  };
  try {
    for (;;) {
      for (const attempt of client.step()) print(attempt);
      // The server capture's rows are not printed: its attempts come into the correlation at the end.
      if (server !== null && !server.done) server.step();
      if (followers.every((follower) => follower.done)) break;
      if (Date.now() - lastSummaryAt >= SUMMARY_EVERY_MS) summary();
      if (!followers.every((follower) => follower.done || follower.waiting)) {
        await nextTurn();
      } else if (stopping || client.followed.closed || client.done) {
        // The client capture's end is the pair's: the server capture ends at what it holds then.
        for (const follower of followers) follower.followed.end();
      } else {
        for (const follower of followers) if (!follower.done) follower.atEndOfData();
        await Promise.race(followers.map((follower) => follower.followed.wait(POLL_MS)));
      }
    }
  } finally {
    unregister();
  }
  const captures: ReportCapture[] = server === null
    ? [{ path: client.followed.name, role: 'single', analysis: client.analysis() }]
    : [{ path: client.followed.name, role: 'client', analysis: client.analysis() }, { path: server.followed.name, role: 'server', analysis: server.analysis() }];
  finish(options, captures, print, printed);
  summary();
}

/**
 * The batch judgement of the whole capture (correlated with the server's, when given): the attempts not
 * printed yet, then the summary and the diagnoses.
 */
function finish(options: FollowOptions, captures: ReportCapture[], print: (attempt: HandshakeAttempt) => void, printed: ReadonlySet<string>): void {
  for (const attempt of captures[0].analysis.handshakes) if (!printed.has(attemptKey(attempt))) print(attempt);
  const diagnosis = diagnoseCaptures(captures, options.language);
  const lines = summaryLines(toReport(captures, diagnosis), options.messages, wantsColour(options.stdout, options.env));
  (options.format === 'ndjson' ? options.stderr : options.stdout).write(`${lines.join('\n')}\n`);
}
