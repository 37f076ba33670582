import type { ByteSource } from '../types.js';

/** The little-endian 32-bit word at `at`: every length and magic of gzip, zstd and lz4. */
export function u32le(bytes: Uint8Array, at: number): number {
  return (bytes[at] | (bytes[at + 1] << 8) | (bytes[at + 2] << 16) | (bytes[at + 3] << 24)) >>> 0;
}

/** The compressed file read front to back, in chunks, for a decoder that asks for whole headers and blocks. */
export class CompressedBytes {
  private buffer: Uint8Array;
  /** Index in `buffer` of the next unread byte, and one past the last valid one. */
  private cursor = 0;
  private end = 0;
  /** File offset of `buffer[0]`. */
  private bufferStart = 0;

  constructor(private readonly source: ByteSource, private readonly chunkSize: number) {
    this.buffer = new Uint8Array(Math.max(1, Math.min(chunkSize, source.size)));
  }

  /** File offset of the next unread byte. */
  get offset(): number {
    return this.bufferStart + this.cursor;
  }

  /** Size of the compressed file. */
  get size(): number {
    return this.source.size;
  }

  /** Bytes between the next unread one and the end of the file. */
  get remaining(): number {
    return this.source.size - this.offset;
  }

  /**
   * A view of the next `count` bytes, valid until the next call; null when the file ends first. The
   * caller bounds `count` by its format's limits, and nothing is allocated for bytes the file lacks.
   */
  peek(count: number): Uint8Array | null {
    if (this.end - this.cursor >= count) return this.buffer.subarray(this.cursor, this.cursor + count);
    if (count > this.remaining) return null;
    this.buffer.copyWithin(0, this.cursor, this.end);
    this.end -= this.cursor;
    this.bufferStart += this.cursor;
    this.cursor = 0;
    if (count > this.buffer.length) {
      const grown = new Uint8Array(Math.max(count, Math.min(this.chunkSize, this.remaining)));
      grown.set(this.buffer.subarray(0, this.end));
      this.buffer = grown;
    }
    while (this.end < count) {
      const read = this.source.readAt(this.buffer.subarray(this.end), this.bufferStart + this.end);
      if (read <= 0) return null;
      this.end += read;
    }
    return this.buffer.subarray(0, count);
  }

  /** Up to `limit` of the next bytes (fewer only at the end of the file; empty there). */
  peekUpTo(limit: number): Uint8Array {
    if (Number.isFinite(this.remaining)) return this.peek(Math.min(limit, this.remaining)) ?? new Uint8Array(0);
    // A stream whose length is known only at its end (a pipe): what it still has, up to `limit`.
    if (this.peek(limit) !== null) return this.buffer.subarray(this.cursor, this.cursor + limit);
    return this.buffer.subarray(this.cursor, this.end);
  }

  /** Whether the file has no byte left; for a stream of unknown length, found by asking it for one. */
  atEnd(): boolean {
    return this.remaining === 0 || this.peekUpTo(1).length === 0;
  }

  advance(count: number): void {
    this.cursor += count;
  }
}
