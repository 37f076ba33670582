import type { ByteSource } from '../types.js';

/** Bytes that come in order and only once: a decompressor's output, or a pipe. */
export interface SequentialBytes {
  /** Fills as much of `into` as it can; 0 only at the end. */
  read(into: Uint8Array): number;
  close(): void;
}

/** The first decompressed bytes are kept so the format sniffer's look at the magic can be read again. */
const HEAD_BYTES = 64;
const DISCARD_CHUNK = 64 * 1024;

/**
 * The decompressed bytes of a compressed capture as a ByteSource. The readers read a capture front to
 * back: their chunked input only ever asks for the bytes after the last ones it was given, or further on
 * when it passes over a block; only the sniffer's look at the first bytes goes back. So nothing but the
 * decoder's own state and its caller's buffer holds decompressed data. A pipe (`analyze -`) is read
 * through the same class: its bytes too come once, in order, of a length known only at the end.
 */
export class DecompressedSource implements ByteSource {
  /** Decompressed bytes decoded so far: the position of the next one. */
  private produced = 0;
  private ended = false;
  private readonly head = new Uint8Array(HEAD_BYTES);
  readonly sequential = true;

  constructor(readonly decoder: SequentialBytes) {}

  /** Not known before the end of the stream (Infinity until then), then the decompressed length. */
  get size(): number {
    return this.ended ? this.produced : Infinity;
  }

  readAt(into: Uint8Array, position: number): number {
    if (position < this.produced) return this.readHead(into, position);
    while (position > this.produced) {
      if (this.decode(new Uint8Array(Math.min(DISCARD_CHUNK, position - this.produced))) === 0) return 0;
    }
    return into.length === 0 ? 0 : this.decode(into);
  }

  private decode(into: Uint8Array): number {
    if (this.ended) return 0;
    const count = this.decoder.read(into);
    if (count === 0) {
      this.ended = true;
      this.decoder.close();
      return 0;
    }
    if (this.produced < HEAD_BYTES) this.head.set(into.subarray(0, Math.min(count, HEAD_BYTES - this.produced)), this.produced);
    this.produced += count;
    return count;
  }

  private readHead(into: Uint8Array, position: number): number {
    if (this.produced > HEAD_BYTES) throw new Error(`a decompressed stream cannot go back to byte ${position} from ${this.produced}`);
    const count = Math.min(into.length, this.produced - position);
    into.set(this.head.subarray(position, position + count));
    return count;
  }
}
