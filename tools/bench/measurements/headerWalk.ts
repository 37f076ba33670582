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
  /** Looks at a whole record in the buffer (the flag walk); none for the bare walks. */
  look?(view: DataView, at: number): void;
}

/** Classic pcap: a 24-byte file header, then records whose 16-byte header has the captured length at +8. */
const PCAP: RecordLayout = { firstRecord: 24, headerBytes: 16, nextRecord: (view, at) => at + 16 + view.getUint32(at + 8, true) };

/**
 * The pcap walk that also reads each Ethernet + IPv4 + TCP frame's flag byte and counts the SYNs: what
 * touching every packet's TCP header costs a JavaScript loop at the least, with no decoding to speak of
 * and no state. A reference beside the floor, not a bound.
 */
let synsSeen = 0;
const PCAP_WITH_FLAGS: RecordLayout = {
  ...PCAP,
  look(view, at) {
    const frame = at + 16;
    if (view.getUint32(at + 8, true) < 54 || view.getUint16(frame + 12) !== 0x0800 || view.getUint8(frame + 23) !== 6) return;
    const tcp = frame + 14 + (view.getUint8(frame + 14) & 0x0f) * 4;
    if (view.getUint8(tcp + 13) & 0x02) synsSeen++;
  },
};

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
        layout.look?.(view, at);
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

/** walkRecordHeaders that also reads every Ethernet/IPv4 TCP frame's flag byte (PCAP_WITH_FLAGS). */
export function walkTcpFlags(path: string): PassResult & { syns: number } {
  synsSeen = 0;
  return { ...walk(path, PCAP_WITH_FLAGS), syns: synsSeen };
}

/** Counts blocks, not packets: the section header and interface blocks too (a handful in the benchmark's file). */
export function walkBlockHeaders(path: string): PassResult {
  return walk(path, PCAPNG);
}
