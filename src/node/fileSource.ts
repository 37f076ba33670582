import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import type { ByteSource } from '../analyzer/capture/types.js';

/** A capture file read with positioned reads, so the reader never holds more than its chunk buffer. */
export class FileSource implements ByteSource {
  readonly size: number;
  private descriptor: number;

  constructor(readonly path: string) {
    this.descriptor = openSync(path, 'r');
    try {
      this.size = fstatSync(this.descriptor).size;
    } catch (error) {
      closeSync(this.descriptor);
      throw error;
    }
  }

  readAt(into: Uint8Array, position: number): number {
    if (this.descriptor < 0) throw new Error(`${this.path} is closed`);
    return readSync(this.descriptor, into, 0, into.length, position);
  }

  close(): void {
    if (this.descriptor < 0) return;
    closeSync(this.descriptor);
    this.descriptor = -1;
  }
}
