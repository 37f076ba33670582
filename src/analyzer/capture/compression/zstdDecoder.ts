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
  /**
   * Decoded bytes not yet handed out: `decoded[start…end)`. fzstd decodes each block into one buffer it
   * reuses, so the bytes are copied here, into a buffer that grows to what one push decodes (a block,
   * or the few blocks of a small frame fzstd held back) and is then reused.
   */
  private decoded = new Uint8Array(0);
  /** The compressed bytes handed to fzstd (forFzstd). */
  private input = new Uint8Array(0);
  private start = 0;
  private end = 0;
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
    while (this.start === this.end) {
      if (this.pending !== null) throw this.pending;
      if (this.finished || !this.feedNext()) return 0;
    }
    const count = Math.min(out.length, this.end - this.start);
    out.set(this.decoded.subarray(this.start, this.start + count));
    this.start += count;
    return count;
  }

  close(): void {
    this.finished = true;
    this.start = this.end = 0;
    this.decoded = new Uint8Array(0);
    this.decompressor = this.newDecompressor();
  }

  private newDecompressor(): Decompress {
    return new Decompress((chunk) => {
      if (chunk.length === 0) return;
      this.keep(chunk);
      this.contentHash?.update(chunk);
    });
  }

  /** Copies a decoded block after the bytes not yet handed out (fzstd reuses the block's buffer). */
  private keep(chunk: Uint8Array): void {
    if (this.start === this.end) this.start = this.end = 0;
    if (this.end + chunk.length > this.decoded.length) {
      const live = this.end - this.start;
      if (live + chunk.length <= this.decoded.length) {
        this.decoded.copyWithin(0, this.start, this.end);
      } else {
        const grown = new Uint8Array(Math.max(live + chunk.length, 2 * this.decoded.length));
        grown.set(this.decoded.subarray(this.start, this.end));
        this.decoded = grown;
      }
      this.end = live;
      this.start = 0;
    }
    this.decoded.set(chunk, this.end);
    this.end += chunk.length;
  }

  /** Hands fzstd the next frame header, block or checksum; false at the end of the file, between frames. */
  private feedNext(): boolean {
    const start = this.bytes.offset;
    if (this.expect === 'frame') {
      if (this.bytes.atEnd()) {
        this.push(new Uint8Array(0), start, true);
        this.finished = true;
        return this.end > this.start;
      }
      return this.readFrameHeader(start);
    }
    if (this.expect === 'checksum') {
      const checksum = this.bytes.peek(4);
      if (checksum === null) throw this.cutShort('the content checksum at the end of a frame');
      const stored = u32le(checksum, 0);
      // fzstd may hold a small frame until it has 18 bytes: it hands out the frame's last bytes now.
      this.push(this.forFzstd(checksum), start, false);
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
    this.push(this.forFzstd(block), start, false);
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
    this.push(this.forFzstd(bytes.subarray(0, header.length)), start, false);
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
    return this.end - this.start;
  }

  /**
   * `bytes` (a view of the file's buffer, which moves on) copied for fzstd, which may keep what it is given
   * until it has a whole block: into one buffer, reused while fzstd keeps none of it, rather than a new
   * copy per block, whose collection held as many bytes as the compressed file.
   */
  private forFzstd(bytes: Uint8Array): Uint8Array {
    // Doubling: a new buffer after each frame header fzstd kept costs at most twice the frame's bytes.
    if (this.input.length < bytes.length) this.input = new Uint8Array(Math.max(bytes.length, 2 * this.input.length));
    this.input.set(bytes);
    return this.input.subarray(0, bytes.length);
  }

  private push(chunk: Uint8Array, start: number, final: boolean): void {
    try {
      this.decompressor.push(chunk, final);
    } catch (error) {
      this.close();
      const reason = error instanceof Error ? error.message : String(error);
      if (final) throw this.cutShort(`the frame that ends the file (${reason})`);
      throw this.corrupt(start, `the block at byte ${start} does not decode (${reason})`);
    }
    // What fzstd keeps of it stays its own: the next copy goes into a new buffer.
    if (this.decompressor.holdsInput()) this.input = new Uint8Array(0);
  }

  private cutShort(inside: string) {
    return compressedCutShort(this.file, 'zstd', this.bytes.size, inside);
  }

  private corrupt(offset: number, reason: string) {
    return corruptCompressed(this.file, 'zstd', offset, reason);
  }
}
