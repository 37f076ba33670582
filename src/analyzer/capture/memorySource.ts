import type { ByteSource } from './types.js';

/** A capture held in memory: a remote document, a test fixture, a dropped file in the browser. */
export class MemorySource implements ByteSource {
  constructor(private readonly bytes: Uint8Array) {}

  get size(): number {
    return this.bytes.length;
  }

  readAt(into: Uint8Array, position: number): number {
    if (position >= this.bytes.length) return 0;
    const count = Math.min(into.length, this.bytes.length - position);
    into.set(this.bytes.subarray(position, position + count));
    return count;
  }
}
