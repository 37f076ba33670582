/** A capture read from a pipe (`analyze -`): no seek, no size, bytes in order as the writer sends them. */
import { readSync } from 'node:fs';
import { DecompressedSource, type SequentialBytes } from '../analyzer/capture/compression/decompressedSource.js';
import type { ByteSource } from '../analyzer/capture/types.js';

/** How long to wait before reading again when a non-blocking descriptor has nothing yet. */
const RETRY_MS = 10;

/** Blocks the thread without spinning: the synchronous readers pull bytes and cannot await them. */
function sleep(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/**
 * A descriptor read front to back. Standard input is usually blocking; when it is not (some terminals
 * and parents set O_NONBLOCK), EAGAIN means "nothing yet" and the read is tried again shortly.
 */
export class DescriptorBytes implements SequentialBytes {
  constructor(private readonly descriptor: number) {}

  read(into: Uint8Array): number {
    if (into.length === 0) return 0;
    for (;;) {
      try {
        return readSync(this.descriptor, into, 0, into.length, null);
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        if (code === 'EOF') return 0;
        if (code !== 'EAGAIN') throw error;
        sleep(RETRY_MS);
      }
    }
  }

  close(): void {
    // Standard input belongs to the process: left open.
  }
}

/** Standard input as a capture's bytes; its size is known once it has ended. */
export function standardInput(): ByteSource {
  return new DecompressedSource(new DescriptorBytes(0));
}
