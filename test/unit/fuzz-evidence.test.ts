/**
 * The evidence readers under a fixed-seed batch of mutated files (tools/fuzz/evidenceMutants.ts): each
 * mutant is read or rejected, never a throw, in time; nothing read is sized by a value in the file.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { iterationRandom } from '../../tools/fuzz/campaign.js';
import { isFailure, verdictOf } from '../../tools/fuzz/evidenceAnalysis.js';
import { blankRunCases, evidenceSeeds, mutateEvidence } from '../../tools/fuzz/evidenceMutants.js';

const SEED = 20_261_202;


test('lines of 50,000 blanks between any opening and any end are read in time (no quadratic backtracking)', { timeout: 10 * 60_000 }, () => {
  const verdicts = blankRunCases().map((text, index) => verdictOf('case.txt', text, `case ${index}: ${JSON.stringify(text.replace(/ {50000}/, '<blanks>'))}`));
  const failures = verdicts.filter(isFailure);
  assert.deepEqual(failures, []);
});
const MUTANTS = 1500;

test(`${MUTANTS} fixed-seed evidence mutants are each read or rejected, in time`, { timeout: 10 * 60_000 }, () => {
  const seeds = evidenceSeeds('.');
  const verdicts: string[] = [];
  for (let iteration = 0; iteration < MUTANTS; iteration++) {
    const random = iterationRandom(SEED, iteration);
    const seed = seeds[random.int(0, seeds.length - 1)];
    const mutant = mutateEvidence(seed, seeds, random);
    verdicts.push(verdictOf(seed.name, mutant.text, `iteration ${iteration}, ${mutant.mutators} on ${seed.name}`));
  }
  const failures = verdicts.filter(isFailure);
  const kinds = { read: verdicts.filter((v) => v === 'read').length, rejected: verdicts.filter((v) => v === 'rejected').length };
  assert.deepEqual(failures, []);
  assert.ok(kinds.read > MUTANTS / 4 && kinds.rejected > 0, JSON.stringify(kinds));
});
