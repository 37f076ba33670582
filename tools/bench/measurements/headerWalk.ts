/**
 * The floor under any capture reader: large positioned reads and a loop that looks at nothing but each
 * record's length, in a pcap record header or a pcapng block header. Little-endian only, which the
 * benchmark writes. The other measurements are given as multiples of it (tools/bench/targets.ts), so a
 * faster or slower machine moves both alike.
 */
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import type { PassResult } from './measurement.js';

const CHUNK_BYTES = 4 * 1024 * 1024;

/** Where the records start, how many header bytes hold the length, and where the next record starts. */
interface RecordLayout {
  firstRecord: number;
  headerBytes: number;
  nextRecord(view: DataView, at: number): number;
}

/** Classic pcap: a 24-byte file header, then records whose 16-byte header has the captured length at +8. */
const PCAP: RecordLayout = { firstRecord: 24, headerBytes: 16, nextRecord: (view, at) => at + 16 + view.getUint32(at + 8, true) };

/** pcapng: blocks from the start (the section header is one), each with its total length at +4. */
const PCAPNG: RecordLayout = { firstRecord: 0, headerBytes: 8, nextRecord: (view, at) => at + Math.max(12, view.getUint32(at + 4, true)) };

function walk(path: string, layout: RecordLayout): PassResult {
  const descriptor = openSync(path, 'r');
  try {
    const size = fstatSync(descriptor).size;
    const buffer = new Uint8Array(CHUNK_BYTES);
    const view = new DataView(buffer.buffer);
    /** File position of buffer[0]; valid bytes end at `end`; the next record header is at `at`. */
    let base = 0;
    let end = readSync(descriptor, buffer, 0, CHUNK_BYTES, 0);
    let at = layout.firstRecord;
    let packets = 0;
    for (;;) {
      while (at + layout.headerBytes <= end) {
        const next = layout.nextRecord(view, at);
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

export function walkRecordHeaders(path: string): PassResult {
  return walk(path, PCAP);
}

/** Counts blocks, not packets: the section header and interface blocks too (a handful in the benchmark's file). */
export function walkBlockHeaders(path: string): PassResult {
  return walk(path, PCAPNG);
}
