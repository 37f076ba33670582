/**
 * A pcap file as a smaller snapshot length would have captured it, as `editcap -F pcap -s SNAPLEN` writes
 * it: each record keeps its first `snaplen` bytes (incl_len = min(incl_len, snaplen), orig_len as it was)
 * and the file header's snaplen says `snaplen`. The tests degrade the simulator's captures with it, so
 * that no cut file is kept beside the full one.
 */
const FILE_HEADER_LENGTH = 24;
const RECORD_HEADER_LENGTH = 16;
const MAGIC_MICROSECONDS = 0xa1b2c3d4;
const MAGIC_NANOSECONDS = 0xa1b23c4d;

function littleEndianOf(view: DataView): boolean {
  for (const littleEndian of [true, false]) {
    const magic = view.getUint32(0, littleEndian);
    if (magic === MAGIC_MICROSECONDS || magic === MAGIC_NANOSECONDS) return littleEndian;
  }
  throw new Error('not a pcap file: unknown magic number at byte 0');
}

/** A copy with a buffer of its own (a Node Buffer's slice() is a view into the shared pool). */
function copyOf(bytes: Uint8Array, from: number, to: number): Uint8Array {
  return new Uint8Array(bytes.subarray(from, to));
}

export function cutToSnaplen(pcap: Uint8Array, snaplen: number): Uint8Array {
  if (pcap.length < FILE_HEADER_LENGTH) throw new Error(`not a pcap file: ${pcap.length} bytes, shorter than its file header`);
  const view = new DataView(pcap.buffer, pcap.byteOffset, pcap.byteLength);
  const littleEndian = littleEndianOf(view);
  const pieces: Uint8Array[] = [];
  const header = copyOf(pcap, 0, FILE_HEADER_LENGTH);
  new DataView(header.buffer).setUint32(16, snaplen, littleEndian);
  pieces.push(header);
  let at = FILE_HEADER_LENGTH;
  while (at < pcap.length) {
    if (at + RECORD_HEADER_LENGTH > pcap.length) throw new Error(`record header cut short at byte ${at}`);
    const included = view.getUint32(at + 8, littleEndian);
    const dataStart = at + RECORD_HEADER_LENGTH;
    if (dataStart + included > pcap.length) throw new Error(`record at byte ${at} says ${included} bytes, past the end of the file`);
    const kept = Math.min(included, snaplen);
    const recordHeader = copyOf(pcap, at, dataStart);
    new DataView(recordHeader.buffer).setUint32(8, kept, littleEndian);
    pieces.push(recordHeader, pcap.subarray(dataStart, dataStart + kept));
    at = dataStart + included;
  }
  const out = new Uint8Array(pieces.reduce((sum, piece) => sum + piece.length, 0));
  let offset = 0;
  for (const piece of pieces) {
    out.set(piece, offset);
    offset += piece.length;
  }
  return out;
}
