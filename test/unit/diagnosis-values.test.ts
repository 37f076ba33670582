/**
 * A diagnosis is a value: it reads the attempts and never writes into them, so a capture diagnosed alone,
 * paired with one server capture and then another, or paired again, gets the same result every time.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { toReport } from '../../src/analyzer/buildReport.js';
import { correlateCaptures, type CorrelationResult } from '../../src/analyzer/correlation/correlateCaptures.js';
import { diagnoseSingle } from '../../src/analyzer/diagnosis/diagnoseSingle.js';
import { analyseScenario } from './scenarioAnalysis.js';

/** What a presenter reads of a correlation: the diagnoses and the findings of both captures. */
function shown(result: CorrelationResult) {
  return { diagnoses: result.diagnoses, findings: [...result.findings], serverFindings: [...result.serverFindings], offset: result.offset };
}

test('diagnosing alone, pairing with other captures and pairing again leave the attempts as the tracker made them', () => {
  const story = analyseScenario('story');
  const other = analyseScenario('pod-side');
  const before = structuredClone([story.client.handshakes, story.server.handshakes, other.server.handshakes]);
  diagnoseSingle(story.client, 'client', 'en');
  diagnoseSingle(story.server, 'server', 'en');
  correlateCaptures(story.client, other.server, 'en');
  correlateCaptures(story.client, story.server, 'zh-cn');
  correlateCaptures(story.server, story.client, 'en');
  assert.deepEqual([story.client.handshakes, story.server.handshakes, other.server.handshakes], before);
});

test('a pair gives the same result whatever was diagnosed before it, and a capture alone the same as before pairing', () => {
  const first = analyseScenario('story');
  const pairedFresh = shown(correlateCaptures(first.client, first.server, 'en'));
  const aloneFresh = diagnoseSingle(analyseScenario('story').client, 'client', 'en');

  const reused = analyseScenario('story');
  const other = analyseScenario('pod-side');
  correlateCaptures(reused.client, other.server, 'en');
  correlateCaptures(other.client, reused.server, 'en');
  diagnoseSingle(reused.server, 'server', 'en');
  const paired = correlateCaptures(reused.client, reused.server, 'en');
  const alone = diagnoseSingle(reused.client, 'client', 'en');
  assert.deepEqual(shown(paired), pairedFresh);
  assert.deepEqual(shown(correlateCaptures(reused.client, reused.server, 'en')), pairedFresh);
  assert.deepEqual([alone.diagnoses, [...alone.findings]], [aloneFresh.diagnoses, [...aloneFresh.findings]]);
  // The single result says what the client capture alone says: no server view, PAWS only suspected.
  assert.ok([...alone.findings.values()].every((f) => f.atServer === null));
  assert.ok([...paired.findings.values()].some((f) => f.atServer !== null));
});

test('the report rows carry the findings of the diagnosis they were built with, not of the last one run', () => {
  const story = analyseScenario('story');
  const paired = correlateCaptures(story.client, story.server, 'en');
  const alone = diagnoseSingle(story.client, 'client', 'en');
  const captures = [{ path: 'client', role: 'client' as const, analysis: story.client }, { path: 'server', role: 'server' as const, analysis: story.server }];
  const report = toReport(captures, paired);
  const pawsRows = report.handshakes.filter((h) => h.cause === 'paws-tw-recycle');
  assert.ok(pawsRows.length > 0);
  assert.ok(pawsRows.every((h) => h.confidence === 'high' && h.atServer?.seen === true));
  const single = toReport(captures.slice(0, 1), alone);
  assert.ok(single.handshakes.filter((h) => h.cause === 'paws-tw-recycle').every((h) => h.confidence === 'low' && h.atServer === null));
  assert.deepEqual(toReport(captures.slice(0, 1)).handshakes.map((h) => [h.cause, h.confidence, h.atServer]).filter(([c, f, a]) => c || f || a), []);
});
