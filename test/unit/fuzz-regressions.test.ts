/**
 * Every reproducer the fuzzer saved under test/fixtures/fuzz/ stays fixed: the whole analysis (read,
 * decode, track, diagnose, report, table, and correlation with itself) ends in a report or a CaptureError.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyzeFully } from '../../tools/fuzz/fullAnalysis.js';

const REPRODUCERS = 'test/fixtures/fuzz';

const captures = existsSync(REPRODUCERS) ? readdirSync(REPRODUCERS).filter((name) => !name.endsWith('.txt')).sort() : [];

test('there are reproducers to replay', () => {
  assert.ok(captures.length > 0, `${REPRODUCERS} holds no reproducers`);
});

for (const name of captures) {
  const path = join(REPRODUCERS, name);
  const note = existsSync(`${path}.txt`) ? readFileSync(`${path}.txt`, 'utf8').trim() : 'no note';
  test(`${name} is analysed or rejected with a CaptureError (was: ${note})`, () => {
    const bytes = readFileSync(path);
    const outcome = analyzeFully(bytes, path, bytes);
    if (outcome.kind === 'rejected') assert.match(outcome.error.message, /^.+: .+ at byte \d+$/);
  });
}
