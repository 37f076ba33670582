/**
 * The floor under any pcap reader: large positioned reads and a loop that looks at nothing but each
 * record header's captured length. Little-endian classic pcap only, which the benchmark writes.
 */
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import type { PassResult } from './measurement.js';

const CHUNK_BYTES = 4 * 1024 * 1024;
const FILE_HEADER_BYTES = 24;
const RECORD_HEADER_BYTES = 16;

export function walkRecordHeaders(path: string): PassResult {
  const descriptor = openSync(path, 'r');
  try {
    const size = fstatSync(descriptor).size;
    const buffer = new Uint8Array(CHUNK_BYTES);
    const view = new DataView(buffer.buffer);
    /** File position of buffer[0]; valid bytes end at `end`; the next record header is at `at`. */
    let base = 0;
    let end = readSync(descriptor, buffer, 0, CHUNK_BYTES, 0);
    let at = FILE_HEADER_BYTES;
    let packets = 0;
    for (;;) {
      while (at + RECORD_HEADER_BYTES <= end) {
        const next = at + RECORD_HEADER_BYTES + view.getUint32(at + 8, true);
        if (next > end) break;
        packets++;
        at = next;
      }
      if (base + end >= size) break;
      // A record straddles the chunk's end: move its start to the front and read on after it.
      buffer.copyWithin(0, at, end);
      base += at;
      end -= at;
      at = 0;
      const read = readSync(descriptor, buffer, end, CHUNK_BYTES - end, base + end);
      if (read <= 0) break;
      end += read;
    }
    return { packets, bytes: size };
  } finally {
    closeSync(descriptor);
  }
}
