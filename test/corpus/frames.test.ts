import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { CORPUS_ABSENT, CORPUS_ROOT, corpusAvailable, corpusCaptures, readCapture, tsharkReading } from './corpusFiles.js';

/**
 * Conformance with tshark 4.0 on third-party captures: the same frame count wherever tshark read the
 * file without error; where tshark failed, an error or warning of ours, or at least the frames it read.
 */
test('frame counts match tshark on the whole corpus', (t) => {
  if (!corpusAvailable()) {
    t.skip(CORPUS_ABSENT);
    return;
  }
  const mismatches: string[] = [];
  let matched = 0;
  let tsharkFailed = 0;
  let withoutReference = 0;
  const captures = corpusCaptures();
  for (const capture of captures) {
    const reference = tsharkReading(capture);
    if (reference === null) {
      withoutReference++;
      continue;
    }
    const ours = readCapture(join(CORPUS_ROOT, capture), capture);
    const ourProblem = ours.error?.message ?? ours.warnings[0]?.message ?? null;
    if (reference.error === null) {
      if (ours.frames === reference.frames && ourProblem === null) matched++;
      else mismatches.push(`${capture}: tshark read ${reference.frames} frames, we read ${ours.frames}${ourProblem ? ` (${ourProblem})` : ''}`);
    } else {
      tsharkFailed++;
      if (ourProblem === null && ours.frames < reference.frames) {
        mismatches.push(`${capture}: tshark read ${reference.frames} frames before failing, we read only ${ours.frames} and reported nothing`);
      }
    }
  }
  t.diagnostic(`${captures.length} captures: ${matched} with tshark's frame count, ${tsharkFailed} that tshark failed on handled, ${withoutReference} without a tshark reference`);
  assert.deepEqual(mismatches, []);
  assert.ok(matched > 0, 'no corpus file was compared');
});
