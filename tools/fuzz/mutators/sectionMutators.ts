/**
 * pcapng section mutators: a section header in the middle of another section (nested sections), and
 * the byte order changing mid-file, with or without a section header to announce it.
 */
import { optionOffsets, type CaptureLayout, type CaptureUnit } from '../captureLayout.js';
import type { Mutator } from './mutator.js';
import { pick, splice, viewOf } from './mutator.js';

const SHB = 0x0a0d0d0a;

/** Rewrites one block in the other byte order: the fields every reader decodes, then the option headers. */
function swapBlock(bytes: Uint8Array, unit: CaptureUnit): void {
  const view = viewOf(bytes);
  const at = unit.offset;
  const le = unit.littleEndian;
  const swap32 = (offset: number) => view.setUint32(offset, view.getUint32(offset, le), !le);
  const swap16 = (offset: number) => view.setUint16(offset, view.getUint16(offset, le), !le);
  if (unit.options !== null) {
    for (const option of optionOffsets(bytes, unit.options, unit.littleEndian)) {
      swap16(option);
      swap16(option + 2);
    }
  }
  swap32(at);
  swap32(at + 4);
  swap32(at + unit.length - 4);
  const fields32: Record<number, number[]> = { [SHB]: [8, 16, 20], 1: [12], 6: [8, 12, 16, 20, 24], 2: [12, 16, 20, 24], 3: [8] };
  const fields16: Record<number, number[]> = { [SHB]: [12, 14], 1: [8, 10], 2: [8, 10] };
  for (const offset of fields32[unit.blockType] ?? []) if (offset + 4 <= unit.length - 4) swap32(at + offset);
  for (const offset of fields16[unit.blockType] ?? []) if (offset + 2 <= unit.length - 4) swap16(at + offset);
}

/** The leading section header block and the interface blocks right after it. */
function leadingHeader(layout: CaptureLayout): CaptureUnit[] {
  const header = [layout.units[0]];
  for (const unit of layout.units.slice(1)) {
    if (unit.blockType !== 1 || unit.offset !== header[header.length - 1].offset + header[header.length - 1].length) break;
    header.push(unit);
  }
  return header;
}

const sectionNested: Mutator = {
  name: 'section-nested',
  mutate(input, layout, random) {
    if (layout.format !== 'pcapng' || layout.units.length < 2) return null;
    // The leading section header and its interfaces, copied in at a later block boundary.
    const units = leadingHeader(layout);
    const header = input.slice(0, units[units.length - 1].offset + units[units.length - 1].length);
    const at = pick(random, layout.units.slice(1)).offset;
    if (random.chance(0.5)) {
      // A section length that claims to reach past the end of the file, or to stop in the middle.
      viewOf(header).setUint32(16, pick(random, [0, 1, 8, 0xfffffff0]), layout.units[0].littleEndian);
      viewOf(header).setUint32(20, 0, layout.units[0].littleEndian);
    }
    return splice(input, at, 0, header);
  },
};

const byteOrderSwapped: Mutator = {
  name: 'byte-order-swapped',
  mutate(input, layout, random) {
    if (layout.format !== 'pcapng' || layout.units.length === 0) return null;
    const from = random.int(random.chance(0.5) ? 0 : 1, layout.units.length - 1);
    const out = input.slice();
    for (const unit of layout.units.slice(from)) swapBlock(out, unit);
    if (from === 0 || from >= layout.units.length || random.chance(0.3)) return out;
    // Mostly as a writer that appends a section in its own byte order does: announced by a new header.
    const units = leadingHeader(layout);
    const header = input.slice(0, units[units.length - 1].offset + units[units.length - 1].length);
    for (const unit of units) swapBlock(header, unit);
    return splice(out, layout.units[from].offset, 0, header);
  },
};

export const SECTION_MUTATORS: readonly Mutator[] = [sectionNested, byteOrderSwapped];
