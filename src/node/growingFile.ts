/** A capture file that is still being written (`tcpdump -U -w FILE`), read as it grows. */
import { closeSync, fstatSync, openSync, readSync, statSync } from 'node:fs';
import { NoDataYet } from '../analyzer/capture/noDataYet.js';
import type { ByteSource } from '../analyzer/capture/types.js';
import { fileError } from './openCaptureFile.js';

export class GrowingFile implements ByteSource {
  /**
   * Not known while the file grows: the readers ask for bytes and wait (NoDataYet) when they are not
   * there yet. Once it ends, the bytes it holds, so that a record cut by the end is told from a clean end.
   */
  get size(): number {
    return this.ending ? this.currentSize() : Infinity;
  }
  private descriptor: number;
  private readonly inode: number;
  /** Once set, the end of what the file holds is the end of the capture. */
  private ending = false;
  /** One past the furthest byte read: more than the file's size means it was truncated under the reader. */
  private furthest = 0;

  constructor(readonly path: string) {
    try {
      this.descriptor = openSync(path, 'r');
      this.inode = fstatSync(this.descriptor).ino;
    } catch (error) {
      throw fileError(path, error) ?? error;
    }
  }

  readAt(into: Uint8Array, position: number): number {
    if (this.descriptor < 0) return 0;
    const read = readSync(this.descriptor, into, 0, into.length, position);
    if (read > 0) {
      this.furthest = Math.max(this.furthest, position + read);
      return read;
    }
    if (this.ending || into.length === 0) return 0;
    throw new NoDataYet();
  }

  /** From now on the file's end is the capture's end (rotation moved on, or the user stopped). */
  end(): void {
    this.ending = true;
  }

  /** Bytes in the file now. */
  currentSize(): number {
    return this.descriptor < 0 ? 0 : fstatSync(this.descriptor).size;
  }

  /**
   * Whether what the reader read is gone: the file is shorter than the bytes read from it (truncated and
   * written again, as `tcpdump -G` does to a name without a time in it), or its name is another file now.
   */
  rewritten(): boolean {
    if (this.currentSize() < this.furthest) return true;
    const now = statSync(this.path, { throwIfNoEntry: false });
    return now !== undefined && now.ino !== this.inode;
  }

  close(): void {
    if (this.descriptor < 0) return;
    closeSync(this.descriptor);
    this.descriptor = -1;
  }
}
