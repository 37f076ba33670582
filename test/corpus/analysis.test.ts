import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { AnalysisWatchdog, DEFAULT_LIMITS } from '../../tools/fuzz/watchdog.js';
import { CORPUS_ABSENT, CORPUS_ROOT, corpusAvailable, corpusCaptures } from './corpusFiles.js';

/**
 * The whole analysis (read, decode, track, diagnose, report, table) on every third-party capture, under
 * the fuzzer's watchdog so that a hang or a runaway heap fails one file instead of stopping the run.
 * Every file ends analysed, or rejected with one line naming the file, the byte and the reason.
 */
const ONE_LINE_ERROR = /^(.+): ([^\n]+) at byte (\d+)$/;

test('every corpus capture is analysed or rejected with one clear message, without crash, hang or heap growth', { timeout: 10 * 60_000 }, async (t) => {
  if (!corpusAvailable()) {
    t.skip(CORPUS_ABSENT);
    return;
  }
  // A bound against hangs, not a benchmark: a file may take 5 s, or 1 s per MB if more.
  const watchdog = new AnalysisWatchdog({ ...DEFAULT_LIMITS, floorMs: 5000 });
  const problems: string[] = [];
  const rejected: string[] = [];
  let analysed = 0;
  const captures = corpusCaptures();
  try {
    for (const capture of captures) {
      const verdict = await watchdog.run({ bytes: readFileSync(join(CORPUS_ROOT, capture)), name: capture, serverSide: null });
      if (verdict.kind === 'analysed') {
        analysed++;
      } else if (verdict.kind === 'rejected') {
        const line = ONE_LINE_ERROR.exec(verdict.message);
        if (line === null || line[1] !== capture) problems.push(`${capture}: rejected without a one-line message naming it: ${JSON.stringify(verdict.message)}`);
        else rejected.push(verdict.message);
      } else {
        problems.push(`${capture}: ${verdict.kind}: ${verdict.message}`);
      }
    }
  } finally {
    await watchdog.close();
  }
  t.diagnostic(`${captures.length} captures: ${analysed} analysed, ${rejected.length} rejected with a CaptureError`);
  for (const message of rejected) t.diagnostic(message);
  assert.deepEqual(problems, []);
  assert.equal(analysed + rejected.length, captures.length);
});
