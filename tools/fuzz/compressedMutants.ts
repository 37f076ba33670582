/**
 * Mutants through the decoders: a mutated capture compressed with gzip, lz4 or zstd, and then, half the
 * time, its compressed bytes mutated too, so the readers see mutated captures through every decoder and
 * the decoders see damaged headers, blocks and checksums.
 */
import { gzipSync } from 'node:zlib';
import { compress as lz4Compress } from 'lz4js';
import type { SeededRandom } from '../../src/generator/scenario/seededRandom.js';
import { compressionOf } from '../../src/analyzer/capture/compression/compressionFormat.js';
import { captureLayout } from './captureLayout.js';
import { BYTE_MUTATORS } from './mutators/byteMutators.js';
import { pick } from './mutators/mutator.js';

/** Raw zstd blocks hold at most this (Block_Maximum_Size). */
const ZSTD_BLOCK = 128 * 1024;

/**
 * A zstd frame of raw blocks, with a window descriptor of 2^17 and the checksum flag set (4 zero bytes:
 * the checksum is not verified). Enough to drive the frame and block walk; the entropy decoding is
 * fuzzed through the real zstd files among the inputs.
 */
function zstdRawFrame(bytes: Uint8Array): Uint8Array {
  const blocks = Math.max(1, Math.ceil(bytes.length / ZSTD_BLOCK));
  const frame = new Uint8Array(6 + blocks * 3 + bytes.length + 4);
  frame.set([0x28, 0xb5, 0x2f, 0xfd, 0x04, 0x38]);
  let out = 6;
  for (let n = 0; n < blocks; n++) {
    const block = bytes.subarray(n * ZSTD_BLOCK, (n + 1) * ZSTD_BLOCK);
    const word = (block.length << 3) | (n === blocks - 1 ? 1 : 0);
    frame.set([word & 0xff, (word >>> 8) & 0xff, word >>> 16], out);
    frame.set(block, out + 3);
    out += 3 + block.length;
  }
  return frame;
}

const COMPRESSORS: readonly [string, (bytes: Uint8Array) => Uint8Array][] = [
  ['gzip', (bytes) => new Uint8Array(gzipSync(bytes, { level: 1 }))],
  ['lz4', (bytes) => Uint8Array.from(lz4Compress(bytes))],
  ['zstd', zstdRawFrame],
];

/** The compressed mutant and the steps that made it (`gzip`, `lz4+bit-flips`); null for an input already compressed. */
export function compressMutant(bytes: Uint8Array, random: SeededRandom): { bytes: Uint8Array; steps: string[] } | null {
  if (compressionOf(bytes) !== null) return null;
  const [name, compress] = pick(random, COMPRESSORS);
  const compressed = compress(bytes);
  if (!random.chance(0.5)) return { bytes: compressed, steps: [name] };
  const mutator = pick(random, BYTE_MUTATORS);
  const damaged = mutator.mutate(compressed, captureLayout(compressed), random);
  return damaged === null ? { bytes: compressed, steps: [name] } : { bytes: damaged, steps: [name, mutator.name] };
}
