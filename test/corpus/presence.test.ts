/**
 * The corpus tests skip where the corpus is absent (a contributor's checkout without `../shared`), but
 * under CI an absent corpus would pass the run with conformance unchecked: there it is a failure.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CORPUS_ABSENT, corpusAvailable, corpusCaptures } from './corpusFiles.js';

test('the third-party corpus is present when CI runs the tests', (t) => {
  if (!process.env.CI) {
    if (!corpusAvailable()) t.skip(CORPUS_ABSENT);
    return;
  }
  assert.ok(corpusAvailable(), CORPUS_ABSENT);
  assert.ok(corpusCaptures().length > 0, `${CORPUS_ABSENT} (no captures found)`);
});
