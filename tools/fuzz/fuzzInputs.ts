/**
 * What the fuzzer mutates: its own seed captures, every capture under test/fixtures (reproducers and
 * hostile files included), the samples, and the third-party corpus when it is beside the checkout.
 * Always in the same order, so that a seed names the same campaign on every machine with the same files.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { seedCaptures } from './seedCaptures.js';

export interface FuzzInput {
  /** Where it came from, for the reproducer's note: `samples/healthy.pcap`, `corpus/tcpdump/mptcp.pcap`. */
  name: string;
  bytes: Uint8Array;
  /** From the third-party corpus: drawn as often as all the project's own inputs together. */
  thirdParty: boolean;
}

/** Captures, plain or compressed: the compressed fixtures give the byte mutators real zstd and lz4 frames. */
const CAPTURE_NAME = /\.(pcap|pcapng|cap)(\.(gz|zst|lz4))?$/;
const COMPRESSED_NAME = /\.(gz|zst|lz4)$/;

/** Capture files below `directory`, sorted by path; none when it is absent. */
export function capturesUnder(directory: string): string[] {
  if (!existsSync(directory)) return [];
  const found: string[] = [];
  for (const entry of readdirSync(directory).sort()) {
    const path = join(directory, entry);
    if (statSync(path).isDirectory()) found.push(...capturesUnder(path));
    else if (CAPTURE_NAME.test(entry)) found.push(path);
  }
  return found;
}

export interface InputSelection {
  /** The project checkout (samples/, test/fixtures/). */
  root: string;
  /** The corpus folder, or null to leave it out. */
  corpus: string | null;
  /** Keep one corpus file in this many (1: all); CI takes a fixed subset to stay fast. */
  corpusStride?: number;
  /** Leave out files larger than this. */
  maxBytes?: number;
  /**
   * Take the compressed files too (test/fixtures/compressed: real zstd and lz4 frames for the byte
   * mutators). They hold the richest captures, so the CI batch leaves them out to keep its time, and
   * reaches the decoders through the compressed mutants alone (compressedMutants.ts).
   */
  compressed?: boolean;
}

export function fuzzInputs({ root, corpus, corpusStride = 1, maxBytes = 1024 * 1024, compressed = true }: InputSelection): FuzzInput[] {
  const inputs: FuzzInput[] = seedCaptures().map(([name, bytes]) => ({ name, bytes, thirdParty: false }));
  const fromDisk = (path: string, base: string, prefix: string) => ({ name: `${prefix}${relative(base, path)}`, path, thirdParty: prefix !== '' });
  const files = [
    ...capturesUnder(join(root, 'test/fixtures')).map((path) => fromDisk(path, root, '')),
    ...capturesUnder(join(root, 'samples')).map((path) => fromDisk(path, root, '')),
    ...(corpus === null ? [] : capturesUnder(corpus).filter((_, i) => i % corpusStride === 0).map((path) => fromDisk(path, corpus, 'corpus/'))),
  ];
  for (const { name, path, thirdParty } of files) {
    if (!compressed && COMPRESSED_NAME.test(name)) continue;
    // A plain Uint8Array, not the Buffer readFileSync returns: Buffer's slice() is a view, and mutators
    // that copy with slice() would otherwise change the input itself for every later mutant.
    if (statSync(path).size <= maxBytes) inputs.push({ name, bytes: new Uint8Array(readFileSync(path)), thirdParty });
  }
  return inputs;
}
