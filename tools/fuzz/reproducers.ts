/**
 * A failing mutant is kept as a reproducer: the capture itself under test/fixtures/fuzz/, named by seed,
 * iteration and mutators so that the campaign that found it can be replayed, and a one-line note of
 * what failed beside it.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { compressionOf } from '../../src/analyzer/capture/compression/compressionFormat.js';

export interface Reproducer {
  seed: number;
  iteration: number;
  mutators: string;
  /** The input the mutant was made from. */
  input: string;
  bytes: Uint8Array;
  /** `crashed: TypeError: … (src/analyzer/…)`. */
  failure: string;
}

/** The extension a reader would be given: by content, since a mutant of a .pcap may be neither. */
function extensionOf(bytes: Uint8Array): string {
  const compression = compressionOf(bytes);
  if (compression !== null) return `pcap.${{ gzip: 'gz', zstd: 'zst', lz4: 'lz4' }[compression]}`;
  return bytes.length >= 4 && bytes[0] === 0x0a && bytes[1] === 0x0d && bytes[2] === 0x0d && bytes[3] === 0x0a ? 'pcapng' : 'pcap';
}

export function reproducerName({ seed, iteration, mutators, bytes }: Pick<Reproducer, 'seed' | 'iteration' | 'mutators' | 'bytes'>): string {
  return `seed${seed}-iter${iteration}-${mutators || 'unmutated'}.${extensionOf(bytes)}`;
}

/** Writes the capture and its note; returns the capture's path. */
export function saveReproducer(directory: string, reproducer: Reproducer): string {
  mkdirSync(directory, { recursive: true });
  const path = join(directory, reproducerName(reproducer));
  writeFileSync(path, reproducer.bytes);
  writeFileSync(`${path}.txt`, `${reproducer.failure} (mutant of ${reproducer.input})\n`);
  return path;
}
