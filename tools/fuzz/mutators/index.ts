/** Every mutator, and how one mutant is made: one to three mutations, each aimed where it applies. */
import type { SeededRandom } from '../../../src/generator/scenario/seededRandom.js';
import { captureLayout } from '../captureLayout.js';
import { compressMutant } from '../compressedMutants.js';
import { BYTE_MUTATORS } from './byteMutators.js';
import type { Mutator } from './mutator.js';
import { pick } from './mutator.js';
import { PACKET_MUTATORS } from './packetMutators.js';
import { RECORD_MUTATORS } from './recordMutators.js';
import { SECTION_MUTATORS } from './sectionMutators.js';
import { tunnelWrap } from './tunnelMutators.js';

export const MUTATORS: readonly Mutator[] = [...BYTE_MUTATORS, ...RECORD_MUTATORS, ...SECTION_MUTATORS, ...PACKET_MUTATORS, tunnelWrap];

/** The share of mutants that go through a decoder: compressed, and then perhaps damaged (compressedMutants.ts). */
const COMPRESSED_SHARE = 0.05;

/** Mutants larger than this are cut back: repeated blocks of a big input would only slow the campaign. */
const MAX_MUTANT_BYTES = 4 * 1024 * 1024;

export interface Mutant {
  bytes: Uint8Array;
  /** The mutators applied, in order, joined by '+'. */
  mutators: string;
}

export function mutate(input: Uint8Array, random: SeededRandom): Mutant {
  let bytes = input;
  const applied: string[] = [];
  const rounds = random.chance(0.25) ? random.int(2, 3) : 1;
  for (let round = 0; round < rounds; round++) {
    const layout = captureLayout(bytes);
    // A mutator with nothing to aim at gives way to another; byte mutators always apply.
    for (let attempt = 0; attempt < 8; attempt++) {
      const mutator = attempt < 7 ? pick(random, MUTATORS) : pick(random, BYTE_MUTATORS);
      const mutant = mutator.mutate(bytes, layout, random);
      if (mutant === null) continue;
      bytes = mutant.length > MAX_MUTANT_BYTES ? mutant.subarray(0, MAX_MUTANT_BYTES) : mutant;
      applied.push(mutator.name);
      break;
    }
  }
  const compressed = random.chance(COMPRESSED_SHARE) ? compressMutant(bytes, random) : null;
  if (compressed !== null) {
    bytes = compressed.bytes;
    applied.push(...compressed.steps);
  }
  return { bytes, mutators: applied.join('+') };
}
