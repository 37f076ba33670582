/**
 * Where the records, blocks, length fields and packets of a capture lie, so that the structure-aware
 * mutators can hit the fields a reader trusts instead of flipping bytes at random. Tolerant on purpose:
 * it walks as far as the structure holds and stops there (mutants of mutants are welcome inputs).
 */

export type UnitKind = 'pcap-file-header' | 'pcap-record' | 'pcapng-block';

/** One record (pcap) or block (pcapng), with its header fields located in the file. */
export interface CaptureUnit {
  kind: UnitKind;
  offset: number;
  length: number;
  littleEndian: boolean;
  /** pcapng block type; -1 for pcap. */
  blockType: number;
  /** File offsets of the 32-bit fields a reader takes as lengths. */
  lengthFields: number[];
  /** File offset of the link type field (pcap file header: 32 bits, IDB: 16 bits), or -1. */
  linkTypeField: number;
  /** Options area [start, end) in the file, or null. */
  options: { start: number; end: number } | null;
  /** Packet bytes in the file and their link type, or null. */
  packet: { start: number; length: number; linkType: number } | null;
}

export interface CaptureLayout {
  format: 'pcap' | 'pcapng' | 'unknown';
  units: CaptureUnit[];
}

const SHB = 0x0a0d0d0a;
const IDB = 1;
const OBSOLETE_PACKET = 2;
const SIMPLE_PACKET = 3;
const ENHANCED_PACKET = 6;
const BYTE_ORDER_MAGIC = 0x1a2b3c4d;
/** Mutants are small: a layout of more units than this is plenty to aim at. */
const MAX_UNITS = 100_000;

export function captureLayout(bytes: Uint8Array): CaptureLayout {
  if (bytes.length < 4) return { format: 'unknown', units: [] };
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const magic = view.getUint32(0, true);
  if (magic === SHB) return { format: 'pcapng', units: pcapngUnits(bytes, view) };
  if ([0xa1b2c3d4, 0xa1b23c4d, 0xd4c3b2a1, 0x4d3cb2a1].includes(magic)) return { format: 'pcap', units: pcapUnits(bytes, view) };
  return { format: 'unknown', units: [] };
}

function unit(kind: UnitKind, offset: number, length: number, littleEndian: boolean): CaptureUnit {
  return { kind, offset, length, littleEndian, blockType: -1, lengthFields: [], linkTypeField: -1, options: null, packet: null };
}

function pcapUnits(bytes: Uint8Array, view: DataView): CaptureUnit[] {
  if (bytes.length < 24) return [];
  const le = view.getUint32(0, true) === 0xa1b2c3d4 || view.getUint32(0, true) === 0xa1b23c4d;
  const header = unit('pcap-file-header', 0, 24, le);
  header.lengthFields = [16];
  header.linkTypeField = 20;
  const linkType = view.getUint32(20, le) & 0xffff;
  const units = [header];
  for (let at = 24; at + 16 <= bytes.length && units.length < MAX_UNITS; ) {
    const captured = view.getUint32(at + 8, le);
    const end = at + 16 + captured;
    if (end > bytes.length) break;
    const record = unit('pcap-record', at, 16 + captured, le);
    record.lengthFields = [at + 8, at + 12];
    record.packet = { start: at + 16, length: captured, linkType };
    units.push(record);
    at = end;
  }
  return units;
}

function pcapngUnits(bytes: Uint8Array, view: DataView): CaptureUnit[] {
  const units: CaptureUnit[] = [];
  let le = true;
  let linkTypes: number[] = [];
  for (let at = 0; at + 12 <= bytes.length && units.length < MAX_UNITS; ) {
    let type = view.getUint32(at, le);
    if (view.getUint32(at, true) === SHB) {
      type = SHB;
      const magic = view.getUint32(at + 8, true);
      if (magic === BYTE_ORDER_MAGIC) le = true;
      else if (magic === 0x4d3c2b1a) le = false;
      else break;
      linkTypes = [];
    }
    const length = view.getUint32(at + 4, le);
    if (length < 12 || length % 4 !== 0 || at + length > bytes.length) break;
    const block = unit('pcapng-block', at, length, le);
    block.blockType = type;
    block.lengthFields = [at + 4, at + length - 4];
    const end = at + length - 4;
    if (type === SHB && length >= 28) {
      block.options = { start: at + 24, end };
    } else if (type === IDB && length >= 20) {
      block.linkTypeField = at + 8;
      block.lengthFields.push(at + 12);
      block.options = { start: at + 16, end };
      linkTypes.push(view.getUint16(at + 8, le));
    } else if ((type === ENHANCED_PACKET || type === OBSOLETE_PACKET) && length >= 32) {
      const interfaceId = type === ENHANCED_PACKET ? view.getUint32(at + 8, le) : view.getUint16(at + 8, le);
      const captured = Math.min(view.getUint32(at + 20, le), length - 32);
      block.lengthFields.push(at + 20, at + 24);
      block.packet = { start: at + 28, length: captured, linkType: linkTypes[interfaceId] ?? -1 };
      block.options = { start: at + 28 + ((captured + 3) & ~3), end };
    } else if (type === SIMPLE_PACKET && length >= 16) {
      block.lengthFields.push(at + 8);
      block.packet = { start: at + 12, length: length - 16, linkType: linkTypes[0] ?? -1 };
    }
    units.push(block);
    at += length;
  }
  return units;
}

/** Where each option of an options area starts, as long as the options fit. */
export function optionOffsets(bytes: Uint8Array, area: { start: number; end: number }, littleEndian: boolean): number[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const offsets: number[] = [];
  for (let at = area.start; at + 4 <= area.end; ) {
    offsets.push(at);
    const code = view.getUint16(at, littleEndian);
    const length = view.getUint16(at + 2, littleEndian);
    if (code === 0) break;
    at += 4 + ((length + 3) & ~3);
  }
  return offsets;
}
