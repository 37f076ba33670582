import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { iterationRandom } from '../../tools/fuzz/campaign.js';
import { fuzzInputs } from '../../tools/fuzz/fuzzInputs.js';
import { mutate } from '../../tools/fuzz/mutators/index.js';

const digest = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/** The mutants of iterations `from…to` of a campaign, as digests. */
function mutants(seed: number, from: number, to: number): string[] {
  const inputs = fuzzInputs({ root: '.', corpus: null });
  const made: string[] = [];
  for (let iteration = from; iteration < to; iteration++) {
    const random = iterationRandom(seed, iteration);
    const input = inputs[random.int(0, inputs.length - 1)];
    const mutant = mutate(input.bytes, random);
    made.push(`${mutant.mutators} ${digest(mutant.bytes)}`);
  }
  return made;
}

test('a seed gives the same mutants every time, and any iteration replays on its own', () => {
  const campaign = mutants(42, 0, 500);
  assert.deepEqual(mutants(42, 0, 500), campaign);
  assert.deepEqual(mutants(42, 321, 322), [campaign[321]]);
  assert.notDeepEqual(mutants(43, 0, 500), campaign);
});

test('mutating never changes the input it starts from', () => {
  const inputs = fuzzInputs({ root: '.', corpus: null });
  const before = inputs.map((input) => digest(input.bytes));
  for (let iteration = 0; iteration < 2000; iteration++) {
    const random = iterationRandom(7, iteration);
    mutate(inputs[random.int(0, inputs.length - 1)].bytes, random);
  }
  assert.deepEqual(inputs.map((input) => digest(input.bytes)), before);
});
