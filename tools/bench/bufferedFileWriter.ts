/**
 * Streams chunks to a file through one fixed buffer, so generating a 2 GB capture takes a few MB of
 * memory. Writes go to `<path>.partial`, renamed on close: an interrupted run never leaves a file
 * that a later run would take for a complete cached capture.
 */
import { closeSync, openSync, renameSync, writeSync } from 'node:fs';

const BUFFER_BYTES = 8 * 1024 * 1024;

export class BufferedFileWriter {
  private readonly descriptor: number;
  private readonly buffer = new Uint8Array(BUFFER_BYTES);
  private used = 0;
  /** Bytes written so far, buffered ones included. */
  bytesWritten = 0;

  constructor(private readonly path: string) {
    this.descriptor = openSync(`${path}.partial`, 'w');
  }

  write(chunk: Uint8Array): void {
    if (this.used + chunk.length > this.buffer.length) this.flush();
    if (chunk.length > this.buffer.length) writeSync(this.descriptor, chunk);
    else {
      this.buffer.set(chunk, this.used);
      this.used += chunk.length;
    }
    this.bytesWritten += chunk.length;
  }

  /** Flushes, closes and gives the file its final name. */
  close(): void {
    this.flush();
    closeSync(this.descriptor);
    renameSync(`${this.path}.partial`, this.path);
  }

  private flush(): void {
    let at = 0;
    while (at < this.used) at += writeSync(this.descriptor, this.buffer, at, this.used - at);
    this.used = 0;
  }
}
