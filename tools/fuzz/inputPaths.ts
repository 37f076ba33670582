/**
 * The other ways a capture reaches the analysis, each fed the mutant: standard input (bytes read once,
 * in order, in uneven pieces), a capture set (the mutant between two copies of its original), and a file
 * followed while it is written (the bytes appear a few at a time, and every read past them is a
 * NoDataYet that the reader must survive and repeat), as `--follow` and as the language server for the
 * editor follow it. A pipe and a followed file must give what the file gives; the set must end in a
 * report or a CaptureError, and a set that was analysed must export its failed attempts' packets. The editor's set URI, with the mutant as its file list, must name files
 * or nothing. Anything else thrown is a bug.
 */
import { analyzeCapture, analyzeCaptureSetSync, analyzeCaptureSync, type CaptureFollow } from '../../src/analyzer/analyze.js';
import type { PartialAnalysis } from '../../src/analyzer/partialAnalysis.js';
import type { CaptureSetMember } from '../../src/analyzer/capture/captureSet.js';
import { compressionOf } from '../../src/analyzer/capture/compression/compressionFormat.js';
import { DecompressedSource, type SequentialBytes } from '../../src/analyzer/capture/compression/decompressedSource.js';
import { MemorySource } from '../../src/analyzer/capture/memorySource.js';
import { NoDataYet } from '../../src/analyzer/capture/noDataYet.js';
import type { ByteSource } from '../../src/analyzer/capture/types.js';
import { CaptureScan, type CaptureAnalysis } from '../../src/analyzer/captureScan.js';
import { CaptureError } from '../../src/analyzer/errors.js';
import { exportPacketsSync } from '../../src/analyzer/export/exportPackets.js';
import { captureSetPaths, CAPTURE_SET_SCHEME } from '../../src/shared/captureSetUri.js';

/** Bytes handed out in pieces of 1 to 4,099 bytes, as a pipe delivers them. */
class PipedBytes implements SequentialBytes {
  private at = 0;
  private piece = 1;

  constructor(private readonly bytes: Uint8Array) {}

  read(into: Uint8Array): number {
    this.piece = (this.piece * 31 + 7) % 4099 + 1;
    const count = Math.min(into.length, this.piece, this.bytes.length - this.at);
    into.set(this.bytes.subarray(this.at, this.at + count));
    this.at += count;
    return count;
  }

  close(): void {}
}

/** A file being written: `visible` bytes are there, a read past them waits (NoDataYet) until `grow()`. */
class GrowingBytes implements ByteSource {
  private visible = 0;
  private ended = false;

  constructor(private readonly bytes: Uint8Array, private readonly step: number) {}

  get size(): number {
    return this.ended ? this.bytes.length : Infinity;
  }

  grow(): void {
    this.visible = Math.min(this.bytes.length, this.visible + this.step);
    if (this.visible === this.bytes.length) this.ended = true;
  }

  readAt(into: Uint8Array, position: number): number {
    const end = this.ended ? this.bytes.length : this.visible;
    if (position >= end) {
      if (this.ended || into.length === 0) return 0;
      throw new NoDataYet();
    }
    const count = Math.min(into.length, end - position);
    into.set(this.bytes.subarray(position, position + count));
    return count;
  }
}

/** The capture analysed as `--follow` reads it; each wait grows the file by `step` bytes. */
function followed(bytes: Uint8Array, name: string, step: number): CaptureAnalysis {
  const source = new GrowingBytes(bytes, step);
  let scan: CaptureScan | null = null;
  // Bounded: every round makes `step` more bytes visible, and the end comes after the last.
  for (let round = 0; round <= Math.ceil(bytes.length / step) + 2; round++) {
    try {
      scan ??= new CaptureScan(source, name, { reportDecided: true });
      scan.step(Infinity);
      scan.takeDecided(scan.latestTime);
      if (scan.done) return scan.result();
    } catch (error) {
      if (!(error instanceof NoDataYet)) throw error;
    }
    source.grow();
  }
  throw new Error(`following ${name} did not end after ${bytes.length} bytes`);
}

/**
 * The capture analysed as the language server follows it for the editor (analyzeCapture with a follow,
 * snapshots of decided and pending rows included); each wait grows the file by `step` bytes, and the
 * follow ends once it holds them all.
 */
async function followedInEditor(bytes: Uint8Array, name: string, step: number): Promise<CaptureAnalysis> {
  const source = new GrowingBytes(bytes, step);
  let waits = 0;
  const follow: CaptureFollow = {
    following: true,
    currentSize: () => bytes.length,
    atEndOfData: async () => {
      // Bounded as `followed` is: the end comes after the last step.
      if (++waits > Math.ceil(bytes.length / step) + 2) throw new Error(`following ${name} in the editor did not end after ${bytes.length} bytes`);
      source.grow();
    },
  };
  const partial = { everyMs: 0, publish: (snapshot: PartialAnalysis) => void snapshot.pending.length, end: () => undefined };
  source.grow();
  return analyzeCapture(source, name, { follow, partial, yieldEvery: 64 });
}

function member(bytes: Uint8Array, name: string): CaptureSetMember {
  return { name, size: bytes.length, open: () => ({ source: new MemorySource(bytes), close: () => {} }) };
}

/** What the comparison reads of an analysis: the attempts' verdicts and the warnings' codes. */
function essence(analysis: CaptureAnalysis): string {
  return JSON.stringify([analysis.handshakes.map((h) => `${h.id}:${h.outcome}:${h.syns.length}`), analysis.warnings.map((w) => w.code)]);
}

function orRejected(analyse: () => CaptureAnalysis): CaptureAnalysis | CaptureError {
  try {
    return analyse();
  } catch (error) {
    if (error instanceof CaptureError) return error;
    throw error;
  }
}

export function checkInputPaths(bytes: Uint8Array, name: string, original: Uint8Array): void {
  const asFile = orRejected(() => analyzeCaptureSync(new MemorySource(bytes), name));
  const piped = orRejected(() => analyzeCaptureSync(new DecompressedSource(new PipedBytes(bytes)), name));
  // A compressed pipe places a decoder failure at the slice zlib refused, not at its byte: only plain bytes must agree.
  const plain = compressionOf(bytes.subarray(0, 4)) === null;
  if (plain && (asFile instanceof CaptureError) !== (piped instanceof CaptureError)) throw new Error(`${name}: the file and the pipe disagree on whether it is a capture`);
  if (plain && !(asFile instanceof CaptureError) && essence(asFile) !== essence(piped as CaptureAnalysis)) throw new Error(`${name}: the pipe's analysis differs from the file's`);
  const members = [member(original, 'first'), member(bytes, name), member(original, 'last')];
  const set = orRejected(() => analyzeCaptureSetSync(members, 'set'));
  // The export reads the same files again: what the analysis read, it reads (damaged files passed over alike).
  if (!(set instanceof CaptureError)) exportPacketsSync(members, 'set', set.handshakes, { kind: 'failed' }, { write: () => {} });
  const listed = captureSetPaths(`${CAPTURE_SET_SCHEME}:/fuzz?${Buffer.from(bytes.subarray(0, 4096)).toString('base64url')}`);
  if (listed !== null && !(Array.isArray(listed) && listed.every((path) => typeof path === 'string'))) throw new Error(`${name}: a set URI named ${String(listed)}`);
  // Following reads plain captures (tcpdump -U writes them); a compressed one is refused before it is read.
  if (plain) {
    const step = 1 + (bytes.length % 97);
    const live = orRejected(() => followed(bytes, name, step));
    if ((asFile instanceof CaptureError) !== (live instanceof CaptureError)) throw new Error(`${name}: the file and its following disagree on whether it is a capture`);
    if (!(asFile instanceof CaptureError) && essence(asFile) !== essence(live as CaptureAnalysis)) throw new Error(`${name}: following it gives another analysis than reading it`);
  }
}

/** As the language server follows a capture for the editor: it must give what the file gives. */
export async function checkFollowedInEditor(bytes: Uint8Array, name: string): Promise<void> {
  if (compressionOf(bytes.subarray(0, 4)) !== null) return;
  const asFile = orRejected(() => analyzeCaptureSync(new MemorySource(bytes), name));
  let live: CaptureAnalysis | CaptureError;
  try {
    live = await followedInEditor(bytes, name, 1 + (bytes.length % 89));
  } catch (error) {
    if (!(error instanceof CaptureError)) throw error;
    live = error;
  }
  if ((asFile instanceof CaptureError) !== (live instanceof CaptureError)) throw new Error(`${name}: the file and the editor's following disagree on whether it is a capture`);
  if (!(asFile instanceof CaptureError) && essence(asFile) !== essence(live as CaptureAnalysis)) throw new Error(`${name}: following it in the editor gives another analysis than reading it`);
}
