/**
 * Standard input followed as it comes (`tcpdump -U -w - | handshake-lens analyze - --follow`): the
 * bytes arrive as stream events, so the event loop stays free for the summary timer and SIGINT, and a
 * read with nothing there yet throws NoDataYet instead of blocking.
 */
import type { Readable } from 'node:stream';
import { DecompressedSource, type SequentialBytes } from '../analyzer/capture/compression/decompressedSource.js';
import { NoDataYet } from '../analyzer/capture/noDataYet.js';

/** Chunks held before the stream is paused: the analysis keeps up with any capture, this bounds a burst. */
const MAX_QUEUED_BYTES = 8 * 1024 * 1024;

export class PipeQueue implements SequentialBytes {
  private readonly chunks: Buffer[] = [];
  /** Bytes of chunks[0] already read. */
  private head = 0;
  private queued = 0;
  private ended = false;
  private waiting: (() => void) | null = null;

  constructor(private readonly stream: Readable) {
    stream.on('data', (chunk: Buffer) => {
      this.chunks.push(chunk);
      this.queued += chunk.length;
      if (this.queued > MAX_QUEUED_BYTES) stream.pause();
      this.wake();
    });
    stream.on('end', () => this.finish());
    stream.on('error', () => this.finish());
  }

  /** The capture's bytes, read once, in order. */
  source(): DecompressedSource {
    return new DecompressedSource(this);
  }

  read(into: Uint8Array): number {
    let copied = 0;
    while (copied < into.length && this.chunks.length > 0) {
      const chunk = this.chunks[0];
      const count = Math.min(into.length - copied, chunk.length - this.head);
      into.set(chunk.subarray(this.head, this.head + count), copied);
      copied += count;
      this.head += count;
      if (this.head === chunk.length) {
        this.chunks.shift();
        this.head = 0;
      }
    }
    this.queued -= copied;
    if (this.queued <= MAX_QUEUED_BYTES && this.stream.isPaused() && !this.ended) this.stream.resume();
    if (copied > 0 || this.ended || into.length === 0) return copied;
    throw new NoDataYet();
  }

  /** Whether the writer closed its end. */
  get done(): boolean {
    return this.ended;
  }

  /** Resolves when more bytes come or the stream ends. */
  whenReadable(): Promise<void> {
    if (this.chunks.length > 0 || this.ended) return Promise.resolve();
    return new Promise((resolve) => (this.waiting = resolve));
  }

  /** Stops reading: what is queued is the rest of the capture. */
  finish(): void {
    this.ended = true;
    this.wake();
  }

  close(): void {
    this.stream.pause();
  }

  private wake(): void {
    const waiting = this.waiting;
    this.waiting = null;
    waiting?.();
  }
}
