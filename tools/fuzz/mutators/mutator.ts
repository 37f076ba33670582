/** What every mutator is, and the small byte helpers they share. */
import type { SeededRandom } from '../../../src/generator/scenario/seededRandom.js';
import type { CaptureLayout, CaptureUnit } from '../captureLayout.js';

export interface Mutator {
  /** Short, stable, file-name safe: it ends up in reproducer names. */
  name: string;
  /** The mutant (a new array), or null when the input has nothing this mutator can aim at. */
  mutate(input: Uint8Array, layout: CaptureLayout, random: SeededRandom): Uint8Array | null;
}

export function pick<T>(random: SeededRandom, items: readonly T[]): T {
  return items[random.int(0, items.length - 1)];
}

export function viewOf(bytes: Uint8Array): DataView {
  return new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/** A random unit that passes `filter`, or null. */
export function pickUnit(random: SeededRandom, layout: CaptureLayout, filter: (unit: CaptureUnit) => boolean): CaptureUnit | null {
  const units = layout.units.filter(filter);
  return units.length === 0 ? null : pick(random, units);
}

export function splice(input: Uint8Array, at: number, removed: number, inserted: Uint8Array): Uint8Array {
  const out = new Uint8Array(input.length - removed + inserted.length);
  out.set(input.subarray(0, at), 0);
  out.set(inserted, at);
  out.set(input.subarray(at + removed), at + inserted.length);
  return out;
}

/** The values that break length arithmetic: empty, too small, unaligned, huge, wrapping. */
export function hostileLength(random: SeededRandom, current: number): number {
  return pick(random, [0, 1, 2, 3, 5, 7, 0xffffffff, 0xfffffffc, 0x7fffffff, 0x80000000, 0x10000000, current + 1, current + 4, current - 4, current * 2])! >>> 0;
}
