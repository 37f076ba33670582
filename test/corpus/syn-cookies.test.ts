/**
 * The false positive rate of the syn-cookies diagnosis on the third-party corpus: every capture diagnosed
 * alone, as the analyzer would take it (`single`) and as a server-side capture (`server`: the SYN-ACK
 * timer sign too). None of them is known to hold SYN cookies, so each one named is a false positive.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { analyzeCaptureSync } from '../../src/analyzer/analyze.js';
import { MemorySource } from '../../src/analyzer/capture/memorySource.js';
import { CaptureError } from '../../src/analyzer/errors.js';
import { diagnoseSingle } from '../../src/analyzer/diagnosis/diagnoseSingle.js';
import { tsvalEncodesSynOptions } from '../../src/analyzer/diagnosis/synCookieSigns.js';
import { CORPUS_ABSENT, CORPUS_ROOT, corpusAvailable, corpusCaptures } from './corpusFiles.js';

test('syn-cookies names nothing on the third-party corpus', (t) => {
  if (!corpusAvailable()) {
    t.skip(CORPUS_ABSENT);
    return;
  }
  const named: string[] = [];
  let withSynAcks = 0;
  let judged = 0;
  let encodedByChance = 0;
  for (const capture of corpusCaptures()) {
    let analysis;
    try {
      analysis = analyzeCaptureSync(new MemorySource(readFileSync(join(CORPUS_ROOT, capture))), capture);
    } catch (error) {
      if (error instanceof CaptureError) continue;
      throw error;
    }
    const answered = analysis.handshakes.filter((a) => a.synAck !== null);
    if (answered.length === 0) continue;
    withSynAcks++;
    const withTimestamps = answered.filter((a) => a.synOptions.tsval !== null && a.synAck!.options.tsval !== null);
    judged += withTimestamps.length;
    encodedByChance += withTimestamps.filter(tsvalEncodesSynOptions).length;
    for (const role of ['single', 'server'] as const) {
      if (diagnoseSingle(analysis, role, 'en').diagnoses.some((d) => d.code === 'syn-cookies')) named.push(`${capture} (${role})`);
    }
  }
  t.diagnostic(`${withSynAcks} captures with answered SYNs; ${encodedByChance} of ${judged} SYN-ACKs with timestamps match the cookie encoding by chance`);
  assert.deepEqual(named, []);
});
