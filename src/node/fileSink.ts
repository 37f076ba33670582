/**
 * A file written as a stream of chunks, through a temporary file beside it that is renamed into place at
 * the end: an export that fails or is cancelled leaves neither a half-written file nor a clobbered one.
 */
import { closeSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import type { ChunkSink } from '../analyzer/export/packetExport.js';

/** Chunks are gathered up to this many bytes per write call: one system call per block would be slow. */
const FLUSH_BYTES = 1 << 20;

export class FileSink implements ChunkSink {
  private readonly partialPath: string;
  private descriptor: number;
  private pending: Uint8Array[] = [];
  private pendingBytes = 0;

  constructor(readonly path: string) {
    this.partialPath = `${path}.${process.pid}.partial`;
    this.descriptor = openSync(this.partialPath, 'w');
  }

  write(chunk: Uint8Array): void {
    this.pending.push(chunk);
    this.pendingBytes += chunk.length;
    if (this.pendingBytes >= FLUSH_BYTES) this.flush();
  }

  /** Writes what is pending and moves the file into place. */
  commit(): void {
    this.flush();
    closeSync(this.descriptor);
    this.descriptor = -1;
    renameSync(this.partialPath, this.path);
  }

  /** Removes the temporary file; the target is left as it was. Safe to call after `commit`. */
  discard(): void {
    if (this.descriptor < 0) return;
    closeSync(this.descriptor);
    this.descriptor = -1;
    rmSync(this.partialPath, { force: true });
  }

  private flush(): void {
    for (const chunk of this.pending) {
      let written = 0;
      while (written < chunk.length) written += writeSync(this.descriptor, chunk, written, chunk.length - written);
    }
    this.pending = [];
    this.pendingBytes = 0;
  }
}
