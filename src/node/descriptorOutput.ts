/**
 * Standard output when it is a regular file (`> file`): each text is encoded into one buffer kept for the
 * whole run and written with writeSync. process.stdout writes a file synchronously as well, but allocates
 * a Buffer for every text it is given (30 MB of JSON for 20,000 rows: about 470 of them).
 */
import { fstatSync, writeSync } from 'node:fs';
import type { Stream } from '../cli/terminal.js';

/** UTF-8 takes at most 3 bytes per UTF-16 code unit (a surrogate pair: 4 bytes for 2 units). */
const MAX_BYTES_PER_UNIT = 3;
const BUFFER_BYTES = 1 << 20;

export class DescriptorOutput implements Stream {
  private readonly buffer = Buffer.allocUnsafe(BUFFER_BYTES);

  constructor(private readonly descriptor: number) {}

  write(text: string): void {
    // Longer than the buffer can hold in the worst case: Node encodes it once, as process.stdout would.
    if (text.length * MAX_BYTES_PER_UNIT > this.buffer.length) {
      const bytes = Buffer.from(text, 'utf8');
      this.writeAll(bytes, bytes.length);
      return;
    }
    this.writeAll(this.buffer, this.buffer.write(text, 0, 'utf8'));
  }

  private writeAll(bytes: Uint8Array, length: number): void {
    for (let written = 0; written < length;) written += writeSync(this.descriptor, bytes, written, length - written);
  }
}

/** A DescriptorOutput for `descriptor` when it is open on a regular file; null for a terminal, a pipe or a socket. */
export function regularFileOutput(descriptor: number): DescriptorOutput | null {
  try {
    return fstatSync(descriptor).isFile() ? new DescriptorOutput(descriptor) : null;
  } catch {
    return null;
  }
}
