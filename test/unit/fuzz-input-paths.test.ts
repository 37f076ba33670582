/**
 * The input paths beside a file, fuzzed: each of a fixed-seed batch of mutants is also read from a pipe,
 * as a file of a capture set, and as a file followed while it is written (tools/fuzz/inputPaths.ts).
 * The pipe and the followed file must give the file's analysis; everything must end in a report or a
 * CaptureError, in time and in bounded memory.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { runCampaign } from '../../tools/fuzz/campaign.js';
import { fuzzInputs } from '../../tools/fuzz/fuzzInputs.js';
import { DEFAULT_LIMITS } from '../../tools/fuzz/watchdog.js';
import { CORPUS_ROOT, corpusAvailable } from '../corpus/corpusFiles.js';

const SEED = 20_261_202;
const MUTANTS = 1_000;

test(`${MUTANTS} fixed-seed mutants read from a pipe, in a set and followed agree with the file`, { timeout: 10 * 60_000 }, async () => {
  const inputs = fuzzInputs({ root: '.', corpus: corpusAvailable() ? CORPUS_ROOT : null, corpusStride: 4, maxBytes: 16 * 1024, compressed: false });
  const saveDir = mkdtempSync(join(tmpdir(), 'handshake-lens-fuzz-paths-'));
  const stats = await runCampaign({ seed: SEED, iterations: MUTANTS, inputs, saveDir, inputPaths: true, limits: { ...DEFAULT_LIMITS, floorMs: 2000 } });
  assert.equal(stats.mutants, MUTANTS);
  if (stats.failures.length === 0) rmSync(saveDir, { recursive: true, force: true });
  const failures = stats.failures.map(({ verdict, path, iteration, mutators, input }) =>
    `${verdict.kind}: ${verdict.message}; iteration ${iteration}, ${mutators} on ${input}; reproducer: ${path ?? 'not saved'}`);
  assert.deepEqual(failures, []);
});
