/** Mutators that know nothing of the format: they find what the structure-aware ones do not think of. */
import type { Mutator } from './mutator.js';
import { pick, splice, viewOf } from './mutator.js';

const bitFlips: Mutator = {
  name: 'bit-flips',
  mutate(input, _layout, random) {
    if (input.length === 0) return null;
    const out = input.slice();
    for (let n = random.int(1, 8); n > 0; n--) out[random.int(0, out.length - 1)] ^= 1 << random.int(0, 7);
    return out;
  },
};

const byteRun: Mutator = {
  name: 'byte-run',
  mutate(input, _layout, random) {
    if (input.length === 0) return null;
    const out = input.slice();
    const at = random.int(0, out.length - 1);
    const end = Math.min(out.length, at + random.int(1, 64));
    const fill = pick(random, [0x00, 0xff, 0x41, -1]);
    for (let i = at; i < end; i++) out[i] = fill < 0 ? random.int(0, 255) : fill;
    return out;
  },
};

const byteRunInserted: Mutator = {
  name: 'byte-run-inserted',
  mutate(input, _layout, random) {
    const run = new Uint8Array(random.int(1, 256)).fill(pick(random, [0x00, 0xff, 0x0a]));
    return splice(input, random.int(0, input.length), 0, run);
  },
};

const byteRangeDeleted: Mutator = {
  name: 'byte-range-deleted',
  mutate(input, _layout, random) {
    if (input.length < 2) return null;
    const at = random.int(0, input.length - 1);
    return splice(input, at, Math.min(input.length - at, random.int(1, 256)), new Uint8Array(0));
  },
};

const truncatedAnywhere: Mutator = {
  name: 'truncated-anywhere',
  mutate(input, _layout, random) {
    return input.length === 0 ? null : input.slice(0, random.int(0, input.length - 1));
  },
};

const interestingWord: Mutator = {
  name: 'interesting-word',
  mutate(input, _layout, random) {
    if (input.length < 4) return null;
    const out = input.slice();
    const at = random.int(0, out.length - 4);
    viewOf(out).setUint32(at, pick(random, [0, 1, 0xffffffff, 0x7fffffff, 0x80000000, 0xffff, 0x10000]), random.chance(0.5));
    return out;
  },
};

export const BYTE_MUTATORS: readonly Mutator[] = [bitFlips, byteRun, byteRunInserted, byteRangeDeleted, truncatedAnywhere, interestingWord];
