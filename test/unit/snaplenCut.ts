/**
 * A capture as a smaller snapshot length would have recorded it. A pcap file comes out as
 * `editcap -F pcap -s SNAPLEN` writes it: each record keeps its first `snaplen` bytes (incl_len =
 * min(incl_len, snaplen), orig_len as it was) and the file header's snaplen says `snaplen`. A pcapng file
 * comes out as `tcpdump -s SNAPLEN -w` would have written it: each Enhanced Packet Block cut the same
 * way (its options kept) and each interface's snaplen set. The tests degrade the simulator's captures
 * with it, so that no cut file is kept beside the full one.
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

export function cutToSnaplen(capture: Uint8Array, snaplen: number): Uint8Array {
  const isPcapng = capture.length >= 4 && capture[0] === 0x0a && capture[1] === 0x0d && capture[2] === 0x0d && capture[3] === 0x0a;
  return concatenated(isPcapng ? cutPcapng(capture, snaplen) : cutPcap(capture, snaplen));
}

function cutPcap(pcap: Uint8Array, snaplen: number): Uint8Array[] {
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
  return pieces;
}

const BLOCK_SECTION_HEADER = 0x0a0d0d0a;
const BLOCK_INTERFACE_DESCRIPTION = 1;
const BLOCK_ENHANCED_PACKET = 6;
const BYTE_ORDER_MAGIC = 0x1a2b3c4d;
/** Block type and total length before an EPB's body, its trailing total length after. */
const BLOCK_FRAME = 12;
/** Interface id, timestamp (high, low), captured and original length. */
const EPB_FIXED = 20;
const pad4 = (n: number): number => (n + 3) & ~3;

function cutPcapng(pcapng: Uint8Array, snaplen: number): Uint8Array[] {
  const view = new DataView(pcapng.buffer, pcapng.byteOffset, pcapng.byteLength);
  const pieces: Uint8Array[] = [];
  let littleEndian = true;
  let at = 0;
  while (at < pcapng.length) {
    if (at + BLOCK_FRAME > pcapng.length) throw new Error(`block header cut short at byte ${at}`);
    if (view.getUint32(at, true) === BLOCK_SECTION_HEADER) littleEndian = view.getUint32(at + 8, true) === BYTE_ORDER_MAGIC;
    const type = view.getUint32(at, littleEndian);
    const length = view.getUint32(at + 4, littleEndian);
    if (length < BLOCK_FRAME || length % 4 !== 0 || at + length > pcapng.length) throw new Error(`block at byte ${at} has an impossible length ${length}`);
    if (type === BLOCK_ENHANCED_PACKET) {
      pieces.push(cutEnhancedPacket(pcapng.subarray(at, at + length), snaplen, littleEndian));
    } else {
      const block = copyOf(pcapng, at, at + length);
      if (type === BLOCK_INTERFACE_DESCRIPTION) new DataView(block.buffer).setUint32(12, snaplen, littleEndian);
      pieces.push(block);
    }
    at += length;
  }
  return pieces;
}

/** An Enhanced Packet Block whose packet keeps its first `snaplen` bytes, options and all else as they were. */
function cutEnhancedPacket(block: Uint8Array, snaplen: number, littleEndian: boolean): Uint8Array {
  const view = new DataView(block.buffer, block.byteOffset, block.byteLength);
  const captured = view.getUint32(8 + 12, littleEndian);
  const dataStart = 8 + EPB_FIXED;
  const optionsStart = dataStart + pad4(captured);
  if (optionsStart + 4 > block.length) throw new Error(`packet block says ${captured} bytes, past its own end`);
  const kept = Math.min(captured, snaplen);
  const options = block.subarray(optionsStart, block.length - 4);
  const length = dataStart + pad4(kept) + options.length + 4;
  const out = new Uint8Array(length);
  const outView = new DataView(out.buffer);
  out.set(block.subarray(0, dataStart));
  outView.setUint32(4, length, littleEndian);
  outView.setUint32(8 + 12, kept, littleEndian);
  out.set(block.subarray(dataStart, dataStart + kept), dataStart);
  out.set(options, dataStart + pad4(kept));
  outView.setUint32(length - 4, length, littleEndian);
  return out;
}

function concatenated(pieces: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(pieces.reduce((sum, piece) => sum + piece.length, 0));
  let offset = 0;
  for (const piece of pieces) {
    out.set(piece, offset);
    offset += piece.length;
  }
  return out;
}
