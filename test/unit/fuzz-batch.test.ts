/**
 * The CI fuzz batch: a fixed seed, 20,000 mutants of the seed captures, test/fixtures, the samples and
 * the corpus files up to 64 KB (one in twenty compressed with gzip, lz4 or zstd, and half of those damaged), each through the whole analysis under the watchdog. A failure
 * fails the test with the reproducer's path; long campaigns are `npm run fuzz` (docs/fuzzing.md).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCampaign } from '../../tools/fuzz/campaign.js';
import { fuzzInputs } from '../../tools/fuzz/fuzzInputs.js';
import { DEFAULT_LIMITS } from '../../tools/fuzz/watchdog.js';
import { CORPUS_ROOT, corpusAvailable } from '../corpus/corpusFiles.js';

const SEED = 20_260_508;
const MUTANTS = 20_000;
/** Every corpus file up to 64 KB: all its formats and link types, without its few large captures. */
const CORPUS_STRIDE = 1;
const MAX_INPUT_BYTES = 64 * 1024;

test(`${MUTANTS} fixed-seed mutants each end in a report or a CaptureError, in time and in bounded memory`, { timeout: 20 * 60_000 }, async () => {
  // The compressed reference files are left out: the compressed mutants reach the decoders (docs/fuzzing.md).
  const inputs = fuzzInputs({ root: '.', corpus: corpusAvailable() ? CORPUS_ROOT : null, corpusStride: CORPUS_STRIDE, maxBytes: MAX_INPUT_BYTES, compressed: false });
  const saveDir = mkdtempSync(join(tmpdir(), 'handshake-lens-fuzz-batch-'));
  // A shared CI machine can stall a few hundred ms; the 1 s/MB rule still holds above a 1 s floor.
  const stats = await runCampaign({ seed: SEED, iterations: MUTANTS, inputs, saveDir, limits: { ...DEFAULT_LIMITS, floorMs: 1000 } });
  assert.equal(stats.mutants, MUTANTS);
  if (stats.failures.length === 0) rmSync(saveDir, { recursive: true, force: true });
  const failures = stats.failures.map(({ verdict, path, iteration, mutators, input }) =>
    `${verdict.kind}: ${verdict.message}; iteration ${iteration}, ${mutators} on ${input}; reproducer: ${path ?? 'not saved (same failure as one above)'}`);
  assert.deepEqual(failures, [], 'fix each failure, then move its reproducer into test/fixtures/fuzz/');
});
