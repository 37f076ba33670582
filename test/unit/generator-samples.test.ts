import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { sampleFiles } from '../../tools/sampleFiles.js';

const samplesDir = join(__dirname, '..', '..', 'samples');

test('the committed samples are exactly what tools/generate-samples.ts makes (run npm run samples after a generator change)', () => {
  for (const [name, bytes] of sampleFiles()) {
    const committed = readFileSync(join(samplesDir, name));
    assert.ok(Buffer.from(bytes).equals(committed), `samples/${name} differs from the generator's output`);
  }
});

test('the samples stay small and the story pair shows dozens of attempts, a good share dropped by PAWS', () => {
  const files = new Map(sampleFiles());
  for (const [name, bytes] of files) assert.ok(bytes.length < 64 * 1024, `samples/${name} is ${bytes.length} bytes`);
  const truth = JSON.parse(new TextDecoder().decode(files.get('story-truth.json'))) as { fates: Record<string, number>; attempts: unknown[] };
  assert.ok(truth.attempts.length >= 24, `${truth.attempts.length} attempts`);
  assert.ok(truth.fates['paws-dropped'] >= truth.attempts.length / 4, JSON.stringify(truth.fates));
  assert.ok(truth.fates.established >= truth.attempts.length / 4, JSON.stringify(truth.fates));
});
