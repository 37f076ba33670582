/**
 * The LZ4 Frame Format (what `lz4` writes, and Wireshark reads): frames of a header, blocks of at most
 * the header's block maximum (64 KiB to 4 MiB), an end mark and an optional content checksum; skippable
 * frames are passed over. Every checksum the frame carries (header, block, content: XXH32) is checked.
 * Decoding one block at a time keeps at most one block's input and output, plus the 64 KiB of history
 * that linked blocks may refer to.
 */
import type { ByteSource } from '../types.js';
import { CompressedBytes, u32le } from './compressedBytes.js';
import { decodeLz4Block, Lz4BlockError } from './lz4Block.js';
import { compressedCutShort, compressedTooLarge, corruptCompressed, type StreamDecoder } from './streamDecoder.js';
import { nextFrameMagic } from './skippableFrame.js';
import { Xxh32, xxh32 } from './xxhash32.js';

const FRAME_MAGIC = 0x184d2204;
/** How far back a match may reach: the history a linked block needs. */
const HISTORY = 64 * 1024;
const READ_CHUNK = 256 * 1024;

interface Lz4Frame {
  blockMax: number;
  linked: boolean;
  blockChecksum: boolean;
  content: Xxh32 | null;
}


export class Lz4FrameDecoder implements StreamDecoder {
  readonly compression = 'lz4' as const;
  private readonly bytes: CompressedBytes;
  private frame: Lz4Frame | null = null;
  /** History, then the last decoded block: `window[outStart, outEnd)` is still to be handed out. */
  private window = new Uint8Array(0);
  private validStart = HISTORY;
  private outStart = HISTORY;
  private outEnd = HISTORY;

  constructor(source: ByteSource, private readonly file: string) {
    this.bytes = new CompressedBytes(source, READ_CHUNK);
  }

  get consumed(): number {
    return this.bytes.offset;
  }

  read(out: Uint8Array): number {
    while (this.outStart === this.outEnd) {
      if (!this.decodeNext()) return 0;
    }
    const count = Math.min(out.length, this.outEnd - this.outStart);
    out.set(this.window.subarray(this.outStart, this.outStart + count));
    this.outStart += count;
    return count;
  }

  close(): void {
    this.window = new Uint8Array(0);
  }

  /** Reads the next frame header, block or end mark; false at the end of the file, between frames. */
  private decodeNext(): boolean {
    if (this.frame === null) return this.readFrameHeader();
    const frame = this.frame;
    const start = this.bytes.offset;
    const header = this.bytes.peek(4);
    if (header === null) throw this.cutShort('a block header');
    const word = u32le(header, 0);
    if (word === 0) return this.readEndMark(frame);
    const size = word & 0x7fffffff;
    if (size > frame.blockMax) {
      throw this.corrupt(start, `a block of ${size} bytes is larger than the frame's ${frame.blockMax}-byte block maximum`);
    }
    const block = this.bytes.peek(4 + size + (frame.blockChecksum ? 4 : 0));
    if (block === null) throw this.cutShort(`the block at byte ${start}`);
    if (frame.blockChecksum && xxh32(block, 4, 4 + size) !== u32le(block, 4 + size)) {
      throw this.corrupt(start + 4 + size, 'the block checksum does not match the block');
    }
    this.keepHistory(frame);
    const at = HISTORY;
    let end: number;
    if (word >>> 31 === 1) {
      this.makeRoom(size);
      this.window.set(block.subarray(4, 4 + size), at);
      end = at + size;
    } else {
      end = this.decodeBlock(block, size, frame, start);
    }
    frame.content?.update(this.window, at, end);
    this.outStart = at;
    this.outEnd = end;
    this.bytes.advance(block.length);
    return true;
  }

  /**
   * The window grows to a block's output as it is needed, up to the frame's maximum: most frames say
   * 4 MiB and hold blocks of a few KiB, and a buffer sized by the header would be 4 MiB per frame.
   */
  private decodeBlock(block: Uint8Array, size: number, frame: Lz4Frame, start: number): number {
    this.makeRoom(Math.min(frame.blockMax, 4 * size));
    for (;;) {
      const room = Math.min(this.window.length - HISTORY, frame.blockMax);
      try {
        return decodeLz4Block(block, 4, 4 + size, this.window, HISTORY, HISTORY + room, this.validStart);
      } catch (error) {
        if (!(error instanceof Lz4BlockError)) throw error;
        if (!error.full || room >= frame.blockMax) throw this.corrupt(start + error.at, error.reason);
        this.makeRoom(Math.min(frame.blockMax, room * 2));
      }
    }
  }

  /** Room for `bytes` of output after the history, the history kept. */
  private makeRoom(bytes: number): void {
    if (this.window.length >= HISTORY + bytes) return;
    const grown = new Uint8Array(HISTORY + bytes);
    grown.set(this.window.subarray(0, HISTORY));
    this.window = grown;
  }

  /** Linked blocks may refer to the 64 KiB before them: move those to just before the next block. */
  private keepHistory(frame: Lz4Frame): void {
    if (!frame.linked) {
      this.validStart = HISTORY;
      return;
    }
    const keep = Math.min(HISTORY, this.outEnd - this.validStart);
    this.window.copyWithin(HISTORY - keep, this.outEnd - keep, this.outEnd);
    this.validStart = HISTORY - keep;
  }

  private readEndMark(frame: Lz4Frame): boolean {
    const start = this.bytes.offset;
    if (frame.content !== null) {
      const mark = this.bytes.peek(8);
      if (mark === null) throw this.cutShort('the content checksum after the end mark');
      if (u32le(mark, 4) !== frame.content.digest()) throw this.corrupt(start + 4, 'the content checksum does not match the decompressed data');
      this.bytes.advance(8);
    } else {
      this.bytes.advance(4);
    }
    this.frame = null;
    return true;
  }

  private readFrameHeader(): boolean {
    const start = this.bytes.offset;
    if (this.bytes.atEnd()) return false;
    const magic = nextFrameMagic(this.bytes, (inside) => this.cutShort(inside));
    if (magic === null) return true;
    if (magic !== FRAME_MAGIC) throw this.corrupt(start, `not an LZ4 frame: magic 0x${magic.toString(16).padStart(8, '0')}`);
    const descriptor = this.bytes.peek(6);
    if (descriptor === null) throw this.cutShort('a frame header');
    const flags = descriptor[4];
    const blockDescriptor = descriptor[5];
    if (flags >>> 6 !== 1) throw this.corrupt(start + 4, `frame version ${flags >>> 6}, not 1`);
    if ((flags & 0x02) !== 0 || (blockDescriptor & 0x8f) !== 0) throw this.corrupt(start + 4, 'reserved bits of the frame descriptor are set');
    const maxId = (blockDescriptor >>> 4) & 7;
    if (maxId < 4) throw this.corrupt(start + 5, `block maximum size id ${maxId} is not 4 to 7`);
    const hasContentSize = (flags & 0x08) !== 0;
    const hasDictionary = (flags & 0x01) !== 0;
    const length = 4 + 2 + (hasContentSize ? 8 : 0) + (hasDictionary ? 4 : 0) + 1;
    const header = this.bytes.peek(length);
    if (header === null) throw this.cutShort('a frame header');
    if (((xxh32(header, 4, length - 1) >>> 8) & 0xff) !== header[length - 1]) {
      throw this.corrupt(start + length - 1, 'the frame header checksum does not match the header');
    }
    if (hasDictionary) throw compressedTooLarge(this.file, 'lz4', start + length - 5, 'the frame needs a dictionary, which a capture file cannot name');
    const blockMax = 1 << (8 + 2 * maxId);
    this.frame = { blockMax, linked: (flags & 0x20) === 0, blockChecksum: (flags & 0x10) !== 0, content: (flags & 0x04) !== 0 ? new Xxh32() : null };
    this.validStart = HISTORY;
    this.outStart = HISTORY;
    this.outEnd = HISTORY;
    this.bytes.advance(length);
    return true;
  }


  private cutShort(inside: string) {
    return compressedCutShort(this.file, 'lz4', this.bytes.size, inside);
  }

  private corrupt(offset: number, reason: string) {
    return corruptCompressed(this.file, 'lz4', offset, reason);
  }
}
