/**
 * gzip through Node's own zlib, pulled synchronously. zlib's streams (`createGunzip`) are asynchronous
 * and `gunzipSync` wants the whole file; the capture readers pull bytes synchronously and must never
 * hold the file. So this drives the native engine of a `Gunzip` the way `zlib.gunzipSync` does inside
 * Node (`processChunkSync` in lib/zlib.js): `handle.writeSync(flush, in, inOff, inLen, out, outOff,
 * outLen)` inflates straight into the reader's buffer and leaves [availOut, availIn] in `_writeState`.
 * The engine handles concatenated members (`tcpdump -z gzip` and log rotation write them) and checks
 * each member's CRC-32 and ISIZE.
 */
import * as zlib from 'node:zlib';
import { CaptureError } from '../../errors.js';
import type { ByteSource } from '../types.js';
import { CompressedBytes } from './compressedBytes.js';
import { compressedCutShort, corruptCompressed, type StreamDecoder } from './streamDecoder.js';

/** The parts of Node's zlib engine that `zlib.gunzipSync` itself uses. */
interface NativeZlib {
  writeSync(flush: number, input: Uint8Array, inOff: number, inLen: number, out: Uint8Array, outOff: number, outLen: number): void;
  onerror: (message: string, errno: number) => void;
}

interface GunzipInternals {
  _handle: NativeZlib | null;
  _writeState: Uint32Array;
}

/**
 * Compressed bytes handed to zlib per call: its per-call cost is under a microsecond, and a failure is
 * then looked for within 16 KiB.
 */
const INPUT_SLICE = 16 * 1024;
/** How finely a failing slice is searched, round by round: 256-byte steps, then single bytes. */
const SEARCH_STEPS = [256, 1];

/** One native inflater; `error` holds zlib's message after a call that failed. */
class Inflater {
  private readonly engine = zlib.createGunzip();
  private readonly handle: NativeZlib;
  private readonly state: Uint32Array;
  error: string | null = null;
  /** Of the last call: compressed bytes taken and bytes written. */
  used = 0;
  produced = 0;

  constructor(file: string) {
    const internals = this.engine as unknown as GunzipInternals;
    if (internals._handle === null || typeof internals._handle.writeSync !== 'function' || !(internals._writeState instanceof Uint32Array)) {
      this.engine.close();
      throw new CaptureError(file, 0, 'cannot read gzip: this Node.js zlib has no synchronous engine', 'cannot-read');
    }
    this.handle = internals._handle;
    this.state = internals._writeState;
    this.handle.onerror = (message) => {
      this.error = message;
    };
  }

  /** Inflates `input` into `out`; `finish` when `input` runs to the end of the file. False when zlib failed. */
  write(input: Uint8Array, out: Uint8Array, finish: boolean): boolean {
    this.error = null;
    this.handle.writeSync(finish ? zlib.constants.Z_FINISH : zlib.constants.Z_NO_FLUSH, input, 0, input.length, out, 0, out.length);
    if (this.error !== null) return false;
    this.used = input.length - this.state[1];
    this.produced = out.length - this.state[0];
    return true;
  }

  close(): void {
    this.engine.close();
  }
}

export class GzipDecoder implements StreamDecoder {
  readonly compression = 'gzip' as const;
  private readonly bytes: CompressedBytes;
  private inflater: Inflater | null;
  /** A failure found after the good bytes before it were handed out: thrown by the next read. */
  private pending: CaptureError | null = null;
  /** Decompressed bytes returned so far. */
  private handedOut = 0;

  constructor(private readonly source: ByteSource, private readonly file: string) {
    this.bytes = new CompressedBytes(source, INPUT_SLICE);
    this.inflater = new Inflater(file);
  }

  get consumed(): number {
    return this.bytes.offset;
  }

  read(out: Uint8Array): number {
    if (this.pending !== null) throw this.pending;
    const inflater = this.inflater;
    if (inflater === null) return 0;
    for (;;) {
      const sliceStart = this.bytes.offset;
      const input = this.bytes.peekUpTo(INPUT_SLICE);
      // Never Z_FINISH with data: a failing call's output is lost, and a cut-short file must keep all of it.
      if (!inflater.write(input, out, false)) return this.failed(inflater.error ?? 'zlib error', sliceStart, out);
      this.bytes.advance(inflater.used);
      if (inflater.produced > 0) {
        this.handedOut += inflater.produced;
        return inflater.produced;
      }
      if (inflater.used > 0) continue;
      // Nothing taken, nothing written: the input is exhausted, or the last member ended before zero padding.
      this.skipPadding();
      const ended = inflater.write(new Uint8Array(0), out, true);
      this.close();
      if (!ended) throw compressedCutShort(this.file, 'gzip', this.source.size, 'a member (its deflate data or its CRC-32 and length)');
      return 0;
    }
  }

  close(): void {
    this.inflater?.close();
    this.inflater = null;
  }

  /** zlib passes over zero bytes after a member (disk images and `dd` pad with them); anything else is not gzip. */
  private skipPadding(): void {
    while (!this.bytes.atEnd()) {
      const tail = this.bytes.peekUpTo(INPUT_SLICE);
      const stray = tail.findIndex((byte) => byte !== 0);
      if (stray >= 0) {
        this.close();
        throw corruptCompressed(this.file, 'gzip', this.bytes.offset + stray, 'the bytes after the end of the last member are not a gzip member');
      }
      this.bytes.advance(tail.length);
    }
  }

  /** Hands out what the failing slice decoded before the bad byte; the failure comes with the next read. */
  private failed(message: string, sliceStart: number, out: Uint8Array): number {
    this.close();
    // A pipe cannot be read again: the failure is placed at the start of the slice zlib refused.
    const located = this.source.sequential === true ? { offset: sliceStart, written: 0 } : locateFailure(this.source, this.file, sliceStart, this.handedOut, out);
    this.pending = corruptCompressed(this.file, 'gzip', located.offset, message);
    if (located.written === 0) throw this.pending;
    return located.written;
  }
}

/**
 * zlib reports a failure without saying how far into the slice it got or what it wrote, so fresh engines
 * are fed the same bytes: up to the failing slice in slices, then in ever smaller steps (256 bytes, then
 * one) until the step that makes zlib fail. Of the output, the first `handedOut` bytes were handed out
 * already; what the last round decodes after them goes to `out`. A cost paid once, for a broken file:
 * two more decodings of what precedes the damage.
 */
function locateFailure(source: ByteSource, file: string, sliceStart: number, handedOut: number, out: Uint8Array): { offset: number; written: number } {
  let failing = sliceStart;
  let written = 0;
  for (const step of SEARCH_STEPS) {
    const round = searchRound(source, file, failing, step, handedOut, out);
    failing = round.offset;
    written = round.written;
  }
  return { offset: failing, written };
}

/** Decodes up to `from`, then `step` bytes at a time: the start of the step that fails, and the bytes written. */
function searchRound(source: ByteSource, file: string, from: number, step: number, handedOut: number, out: Uint8Array): { offset: number; written: number } {
  const inflater = new Inflater(file);
  const bytes = new CompressedBytes(source, INPUT_SLICE);
  const scratch = new Uint8Array(INPUT_SLICE);
  let decoded = 0;
  let written = 0;
  /** Feeds `input` until zlib has taken all it will; false when it fails. */
  const feed = (input: Uint8Array): boolean => {
    for (;;) {
      if (!inflater.write(input, scratch, false)) return false;
      const skip = Math.max(0, handedOut - decoded);
      const count = Math.min(inflater.produced - skip, out.length - written);
      if (count > 0) {
        out.set(scratch.subarray(skip, skip + count), written);
        written += count;
      }
      decoded += inflater.produced;
      input = input.subarray(inflater.used);
      if (inflater.produced < scratch.length) return true;
    }
  };
  try {
    while (bytes.offset < from) {
      const input = bytes.peekUpTo(Math.min(INPUT_SLICE, from - bytes.offset));
      if (!feed(input)) return { offset: bytes.offset, written };
      bytes.advance(input.length);
    }
    while (!bytes.atEnd()) {
      const input = bytes.peekUpTo(step);
      if (!feed(input)) return { offset: bytes.offset, written };
      bytes.advance(input.length);
    }
    return { offset: from, written };
  } finally {
    inflater.close();
  }
}
