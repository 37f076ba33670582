/**
 * Zstandard through fzstd, a pure-JavaScript decoder. fzstd allocates the window a frame header asks
 * for and decodes whatever it is given, so this walks the frames itself first: each header is read and
 * its window bounded before fzstd sees it, each block is checked against Block_Maximum_Size and handed
 * over whole, so that a failure is the block at its offset and at most one block is held. The content
 * checksum, which fzstd skips, is checked here (XXH64).
 */
import { Decompress } from './fzstd/fzstd.js';
import type { CaptureError } from '../../errors.js';
import type { ByteSource } from '../types.js';
import { CompressedBytes, u32le } from './compressedBytes.js';
import { compressedCutShort, compressedTooLarge, corruptCompressed, type StreamDecoder } from './streamDecoder.js';
import { nextFrameMagic } from './skippableFrame.js';
import { Xxh64 } from './xxhash64.js';
import { readZstdFrameHeader, ZSTD_BLOCK_MAX, ZSTD_MAGIC, zstdHeaderLength } from './zstdFrameHeader.js';

/** zstd's own limit without `--memory` (ZSTD_WINDOWLOG_LIMIT_DEFAULT = 27): a larger window is refused. */
export const MAX_ZSTD_WINDOW = 128 * 1024 * 1024;
/**
 * fzstd's work for a block grows with the window (a block buffer of up to 128 KiB, and, as published, a
 * move of the whole window; the window slides here instead), so a frame of many tiny blocks in a large
 * window would take hours: the window's bytes per block may be at most this many times the bytes
 * decoded, plus two windows. Real frames stay under 64 (8 MiB window, full 128 KiB blocks: zstd -19).
 */
const MOVED_PER_DECODED = 256;
const READ_CHUNK = 256 * 1024;

type Expect = 'frame' | 'block' | 'checksum';


export class ZstdDecoder implements StreamDecoder {
  readonly compression = 'zstd' as const;
  private readonly bytes: CompressedBytes;
  private decompressor: Decompress;
  private readonly decoded: Uint8Array[] = [];
  /** Of the first array in `decoded`: bytes already handed out. */
  private handedOut = 0;
  private expect: Expect = 'frame';
  private frameChecksum = false;
  /** XXH64 of the frame's decoded bytes, when the frame carries a content checksum. */
  private contentHash: Xxh64 | null = null;
  private windowSize = 0;
  private blockMax = 0;
  private movedBudget = 0;
  private finished = false;
  /** A checksum failure, thrown once the frame's decoded bytes before it have been handed out. */
  private pending: CaptureError | null = null;

  constructor(source: ByteSource, private readonly file: string) {
    this.bytes = new CompressedBytes(source, READ_CHUNK);
    this.decompressor = this.newDecompressor();
  }

  get consumed(): number {
    return this.bytes.offset;
  }

  read(out: Uint8Array): number {
    while (this.decoded.length === 0) {
      if (this.pending !== null) throw this.pending;
      if (this.finished || !this.feedNext()) return 0;
    }
    const first = this.decoded[0];
    const count = Math.min(out.length, first.length - this.handedOut);
    out.set(first.subarray(this.handedOut, this.handedOut + count));
    this.handedOut += count;
    if (this.handedOut === first.length) {
      this.decoded.shift();
      this.handedOut = 0;
    }
    return count;
  }

  close(): void {
    this.finished = true;
    this.decoded.length = 0;
    this.decompressor = this.newDecompressor();
  }

  private newDecompressor(): Decompress {
    return new Decompress((chunk) => {
      if (chunk.length === 0) return;
      this.decoded.push(chunk);
      this.contentHash?.update(chunk);
    });
  }

  /** Hands fzstd the next frame header, block or checksum; false at the end of the file, between frames. */
  private feedNext(): boolean {
    const start = this.bytes.offset;
    if (this.expect === 'frame') {
      if (this.bytes.atEnd()) {
        this.push(new Uint8Array(0), start, true);
        this.finished = true;
        return this.decoded.length > 0;
      }
      return this.readFrameHeader(start);
    }
    if (this.expect === 'checksum') {
      const checksum = this.bytes.peek(4);
      if (checksum === null) throw this.cutShort('the content checksum at the end of a frame');
      const stored = u32le(checksum, 0);
      // fzstd may hold a small frame until it has 18 bytes: it hands out the frame's last bytes now.
      this.push(checksum.slice(), start, false);
      if (this.contentHash !== null && this.contentHash.digestLow32() !== stored) {
        this.pending = this.corrupt(start, 'the content checksum does not match the decompressed data');
      }
      this.contentHash = null;
      this.bytes.advance(4);
      this.expect = 'frame';
      return true;
    }
    const header = this.bytes.peek(3);
    if (header === null) throw this.cutShort('a block header');
    const word = header[0] | (header[1] << 8) | (header[2] << 16);
    const last = (word & 1) === 1;
    const type = (word >>> 1) & 3;
    const size = word >>> 3;
    if (type === 3) throw this.corrupt(start, 'a block of the reserved type 3');
    if (size > this.blockMax) throw this.corrupt(start, `a block of ${size} bytes is larger than the ${this.blockMax}-byte block maximum`);
    // An RLE block is one byte repeated `size` times.
    const block = this.bytes.peek(3 + (type === 1 ? 1 : size));
    if (block === null) throw this.cutShort(`the block at byte ${start}`);
    const before = this.decodedBytes();
    this.push(block.slice(), start, false);
    this.chargeWindowMoves(start, this.decodedBytes() - before);
    this.bytes.advance(block.length);
    if (last) this.expect = this.frameChecksum ? 'checksum' : 'frame';
    return true;
  }

  private readFrameHeader(start: number): boolean {
    const magic = nextFrameMagic(this.bytes, (inside) => this.cutShort(inside));
    if (magic === null) return true;
    if (magic !== ZSTD_MAGIC) throw this.corrupt(start, `not a zstd frame: magic 0x${magic.toString(16).padStart(8, '0')}`);
    const descriptor = this.bytes.peek(5);
    if (descriptor === null) throw this.cutShort('a frame header');
    const bytes = this.bytes.peek(zstdHeaderLength(descriptor[4]));
    if (bytes === null) throw this.cutShort('a frame header');
    const header = readZstdFrameHeader(bytes);
    if (typeof header === 'string') throw this.corrupt(start + 4, header);
    if (header.dictionaryId !== 0) {
      throw compressedTooLarge(this.file, 'zstd', start, `the frame needs dictionary ${header.dictionaryId}, which a capture file cannot name`);
    }
    if (header.windowSize > MAX_ZSTD_WINDOW) {
      throw compressedTooLarge(this.file, 'zstd', start, `the frame declares a window of ${header.windowSize} bytes, more than the ${MAX_ZSTD_WINDOW} (128 MiB) allowed`);
    }
    this.windowSize = header.windowSize;
    this.blockMax = Math.min(ZSTD_BLOCK_MAX, header.windowSize);
    this.movedBudget = 2 * header.windowSize;
    this.frameChecksum = header.hasChecksum;
    this.push(bytes.slice(0, header.length), start, false);
    // After the push: a small frame before this one may only now have handed out its bytes.
    this.contentHash = header.hasChecksum ? new Xxh64() : null;
    this.bytes.advance(header.length);
    this.expect = 'block';
    return true;
  }


  private chargeWindowMoves(start: number, decoded: number): void {
    this.movedBudget += MOVED_PER_DECODED * decoded - this.windowSize;
    if (this.movedBudget < 0) {
      throw compressedTooLarge(this.file, 'zstd', start, `the blocks are too small for the frame's ${this.windowSize}-byte window to be decoded in reasonable time`);
    }
  }

  private decodedBytes(): number {
    let total = -this.handedOut;
    for (const chunk of this.decoded) total += chunk.length;
    return total;
  }

  /** fzstd keeps what it is given until it has a whole block, so it gets copies, never views of the input buffer. */
  private push(chunk: Uint8Array, start: number, final: boolean): void {
    try {
      this.decompressor.push(chunk, final);
    } catch (error) {
      this.close();
      const reason = error instanceof Error ? error.message : String(error);
      if (final) throw this.cutShort(`the frame that ends the file (${reason})`);
      throw this.corrupt(start, `the block at byte ${start} does not decode (${reason})`);
    }
  }

  private cutShort(inside: string) {
    return compressedCutShort(this.file, 'zstd', this.bytes.size, inside);
  }

  private corrupt(offset: number, reason: string) {
    return corruptCompressed(this.file, 'zstd', offset, reason);
  }
}
