/**
 * Mutators that know the pcap record and pcapng block layout: they cut, resize and retype exactly the
 * fields the readers trust, which random bytes reach only by luck.
 */
import { optionOffsets } from '../captureLayout.js';
import type { Mutator } from './mutator.js';
import { hostileLength, pick, pickUnit, splice, viewOf } from './mutator.js';

/** Every block type the readers distinguish, plus reserved and custom ones. */
const BLOCK_TYPES = [0x0a0d0d0a, 1, 2, 3, 4, 5, 6, 7, 8, 9, 0xa, 0x0bad, 0x40000bad, 0x80000001, 0xffffffff, 0];
/** Supported, unsupported and out-of-range link types. */
const LINK_TYPES = [0, 1, 12, 14, 101, 105, 108, 113, 127, 228, 229, 276, 0xffff, 0xfff0];

const truncatedAtBoundary: Mutator = {
  name: 'truncated-at-boundary',
  mutate(input, layout, random) {
    if (layout.units.length === 0) return null;
    const unit = pick(random, layout.units);
    // At the boundary itself, or a few bytes into the header that follows it.
    const cut = unit.offset + pick(random, [0, 0, 1, 4, 7, 8, 12, 16, 20, 27, 28, unit.length - 4, unit.length - 1]);
    return cut < 0 || cut >= input.length ? null : input.slice(0, cut);
  },
};

const lengthField: Mutator = {
  name: 'length-field',
  mutate(input, layout, random) {
    const unit = pickUnit(random, layout, (u) => u.lengthFields.length > 0);
    if (unit === null) return null;
    const out = input.slice();
    const view = viewOf(out);
    const at = pick(random, unit.lengthFields);
    view.setUint32(at, hostileLength(random, view.getUint32(at, unit.littleEndian)), unit.littleEndian);
    // Keep the two block lengths equal sometimes, so the reader gets past the trailing-length check.
    if (unit.kind === 'pcapng-block' && at === unit.offset + 4 && random.chance(0.5)) view.setUint32(unit.offset + unit.length - 4, view.getUint32(at, unit.littleEndian), unit.littleEndian);
    return out;
  },
};

const blockTypeSwapped: Mutator = {
  name: 'block-type-swapped',
  mutate(input, layout, random) {
    const unit = pickUnit(random, layout, (u) => u.kind === 'pcapng-block');
    if (unit === null) return null;
    const out = input.slice();
    viewOf(out).setUint32(unit.offset, pick(random, BLOCK_TYPES), unit.littleEndian);
    return out;
  },
};

const linkTypeSwapped: Mutator = {
  name: 'link-type-swapped',
  mutate(input, layout, random) {
    const unit = pickUnit(random, layout, (u) => u.linkTypeField >= 0);
    if (unit === null) return null;
    const out = input.slice();
    const view = viewOf(out);
    const linkType = pick(random, LINK_TYPES);
    if (unit.kind === 'pcap-file-header') view.setUint32(unit.linkTypeField, linkType | (random.chance(0.2) ? 0x10000000 : 0), unit.littleEndian);
    else view.setUint16(unit.linkTypeField, linkType, unit.littleEndian);
    return out;
  },
};

const optionPastEnd: Mutator = {
  name: 'option-past-end',
  mutate(input, layout, random) {
    const unit = pickUnit(random, layout, (u) => u.options !== null && u.options.end - u.options.start >= 4);
    if (unit === null) return null;
    const out = input.slice();
    const at = pick(random, optionOffsets(out, unit.options!, unit.littleEndian));
    const view = viewOf(out);
    if (view.getUint16(at, unit.littleEndian) === 0) view.setUint16(at, pick(random, [1, 2, 3, 4, 9, 14]), unit.littleEndian);
    view.setUint16(at + 2, pick(random, [unit.options!.end - at - 3, unit.options!.end - at, 0xffff, 0xfffc, 1]) & 0xffff, unit.littleEndian);
    return out;
  },
};

const timestampExtreme: Mutator = {
  name: 'timestamp-extreme',
  mutate(input, layout, random) {
    const unit = pickUnit(random, layout, (u) => u.packet !== null && u.blockType !== 3);
    if (unit === null) return null;
    const out = input.slice();
    const view = viewOf(out);
    // pcap: seconds and sub-seconds; Enhanced/obsolete Packet Block: the high and low timestamp words.
    const at = unit.offset + (unit.kind === 'pcap-record' ? 0 : 12) + pick(random, [0, 4]);
    view.setUint32(at, pick(random, [0, 0xffffffff, 0x7fffffff, 0x80000000, 1e9, 1e9 - 1, 0x00100000]), unit.littleEndian);
    return out;
  },
};

const unitRepeated: Mutator = {
  name: 'unit-repeated',
  mutate(input, layout, random) {
    const unit = pickUnit(random, layout, (u) => u.kind !== 'pcap-file-header');
    if (unit === null) return null;
    // Many interfaces, many sections, many copies of one packet: the shapes that grow reader state.
    const copies = pick(random, [2, 16, 256, 4096]);
    const block = input.subarray(unit.offset, unit.offset + unit.length);
    const run = new Uint8Array(block.length * copies);
    for (let i = 0; i < copies; i++) run.set(block, i * block.length);
    return splice(input, unit.offset, 0, run);
  },
};

const unitDropped: Mutator = {
  name: 'unit-dropped',
  mutate(input, layout, random) {
    const unit = pickUnit(random, layout, () => true);
    return unit === null ? null : splice(input, unit.offset, unit.length, new Uint8Array(0));
  },
};

export const RECORD_MUTATORS: readonly Mutator[] = [truncatedAtBoundary, lengthField, blockTypeSwapped, linkTypeSwapped, optionPastEnd, timestampExtreme, unitRepeated, unitDropped];
