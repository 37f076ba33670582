/**
 * The text report lists attempt lines up to its budget, servers in the order of their first attempt;
 * the servers past the budget are one line of counts, however many there are (a scan's millions).
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { analyzeCaptureSync } from '../../src/analyzer/analyze.js';
import { MemorySource } from '../../src/analyzer/capture/memorySource.js';
import { CaptureView } from '../../src/server/captureView.js';
import { renderReport } from '../../src/server/textReport/renderReport.js';
import { parseAttemptLine } from '../../src/server/textReport/reportLines.js';
import { reportWords } from '../../src/server/textReport/reportWords.js';
import { pcapOf } from './captureFile.js';
import { Conversation, type Step } from './handshakeScript.js';

const START = 1_700_000_000;

/** Servers .1 to .5 with 3, 2, 4, 1 and 2 attempts, in that order of first appearance, every attempt refused. */
function view(): CaptureView {
  const steps: Step[] = [];
  let t = START;
  [3, 2, 4, 1, 2].forEach((attempts, server) => {
    for (let i = 0; i < attempts; i++) {
      const talk = new Conversation(`10.0.0.${server + 1}:${40_000 + i}`, `192.168.11.${server + 1}:3306`);
      steps.push(talk.syn(t, 1000 + i), talk.refuse(t + 0.001, 1000 + i));
      t += 1;
    }
  });
  const analysis = analyzeCaptureSync(new MemorySource(pcapOf(steps)), 'cut.pcap');
  return new CaptureView({ uri: 'file:///cut.pcap', name: 'cut.pcap', analysis }, 'single', [], new Map(), new Map(), 'client');
}

test('past its budget of lines the report counts the rest of the servers on one line', () => {
  const lines = renderReport(view(), undefined, reportWords('en'), 4).split('\n');
  const sections = lines.filter((line) => line.startsWith('== '));
  assert.deepEqual(sections, ['== 192.168.11.1:3306 == 3 attempts, 3 failed', '== 192.168.11.2:3306 == 2 attempts, 2 failed']);
  assert.deepEqual(lines.map(parseAttemptLine).filter((parsed) => parsed !== null).map((parsed) => parsed!.id), [1, 2, 3, 4]);
  assert.ok(lines.includes('  … 1 more attempts; the capture editor shows them all'), 'the second server\'s fifth line was over the budget');
  assert.ok(lines.includes('… 3 more servers, 7 attempts, 7 failed; the capture editor shows them all'), lines.join('\n'));
  const chinese = renderReport(view(), undefined, reportWords('zh-cn'), 4);
  assert.match(chinese, /另有 3 个服务器未列出（7 次尝试，失败 7）/);
});

test('within its budget the report lists every server and attempt, and no line of servers not shown', () => {
  const text = renderReport(view(), undefined, reportWords('en'));
  assert.equal(text.split('\n').filter((line) => line.startsWith('== ')).length, 5);
  assert.equal(text.split('\n').filter((line) => parseAttemptLine(line) !== null).length, 12);
  assert.doesNotMatch(text, /more servers|more attempts/);
});
