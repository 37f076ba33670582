import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeCapture, analyzeCaptureSync } from '../../src/analyzer/analyze.js';
import { toReport } from '../../src/analyzer/buildReport.js';
import { MemorySource } from '../../src/analyzer/capture/memorySource.js';
import { CaptureError } from '../../src/analyzer/errors.js';
import { TcpFlag } from '../../src/analyzer/layers/tcpPacket.js';
import { Conversation, type Step } from './handshakeScript.js';
import { pcapOf } from './captureFile.js';

const T = 1_700_000_000;

function story(): Step[] {
  const steps: Step[] = [];
  for (let i = 0; i < 50; i++) {
    const pod = new Conversation(`10.244.1.7:${40000 + i}`, '192.168.11.250:3306');
    const isn = 1000 * i + 1;
    steps.push(pod.syn(T + i, isn, { tsval: 500 + i }));
    if (i % 5 === 0) steps.push(pod.syn(T + i + 1, isn, { tsval: 1500 + i }));
    // The server acknowledges the request: a request never acknowledged would be not-accepted.
    else steps.push(pod.synAck(T + i + 0.001, 77, isn), pod.ack(T + i + 0.002, isn, 77, { data: 20 }), pod.fromServer(T + i + 0.003, TcpFlag.ACK, 78, isn + 21));
  }
  return steps.sort((x, y) => x.time - y.time);
}

test('analyzeCapture reads, decodes and tracks a pcap, reporting progress in slices', async () => {
  const bytes = pcapOf(story());
  const progress: number[] = [];
  const analysis = await analyzeCapture(new MemorySource(bytes), 'story.pcap', { yieldEvery: 16, onProgress: (read) => progress.push(read) });
  assert.equal(analysis.summary.packets, 180);
  assert.equal(analysis.summary.tcpPackets, 180);
  assert.deepEqual([analysis.summary.attempts, analysis.summary.passed, analysis.summary.failed], [50, 40, 10]);
  assert.equal(analysis.summary.synRetransmissions, 10);
  assert.equal(analysis.summary.start, T);
  assert.ok(progress.length >= 9 && progress.at(-1) === bytes.length);
  assert.deepEqual(analysis, analyzeCaptureSync(new MemorySource(bytes), 'story.pcap'));
});

test('a cancelled analysis stops where it was and keeps what it read, saying how far it got', async () => {
  const bytes = pcapOf(story());
  const whole = analyzeCaptureSync(new MemorySource(bytes), 'story.pcap');
  let slices = 0;
  const partial = await analyzeCapture(new MemorySource(bytes), 'story.pcap', { yieldEvery: 8, isCancelled: () => ++slices === 3 });
  assert.equal(partial.summary.packets, 24, 'three slices of 8 records');
  const warning = partial.warnings.find((w) => w.code === 'analysis-cancelled');
  assert.ok(warning, 'the cancellation is a warning');
  assert.ok(warning.offset > 0 && warning.offset < bytes.length);
  assert.match(warning.message, new RegExp(`^analysis cancelled at ${Math.floor((100 * warning.offset) / bytes.length)} % of the file`));
  assert.ok(partial.handshakes.length > 0 && partial.handshakes.length < whole.handshakes.length);
  // The attempts read before the stop are the whole capture's first ones.
  assert.deepEqual(partial.handshakes.map((a) => [a.client, a.isn]), whole.handshakes.slice(0, partial.handshakes.length).map((a) => [a.client, a.isn]));
  assert.equal(whole.warnings.some((w) => w.code === 'analysis-cancelled'), false);
});

test('a file that is not a capture is a CaptureError naming file and offset', () => {
  assert.throws(() => analyzeCaptureSync(new MemorySource(new TextEncoder().encode('hello, world')), 'notes.txt'), (error) => {
    assert.ok(error instanceof CaptureError);
    assert.equal(error.file, 'notes.txt');
    assert.equal(error.offset, 0);
    return true;
  });
});

test('toReport writes the v1 contract with the first capture as rows', () => {
  const analysis = analyzeCaptureSync(new MemorySource(pcapOf(story(), 276)), 'story.pcap');
  const report = toReport([{ path: 'story.pcap', role: 'single', analysis }]);
  assert.equal(report.version, 1);
  assert.deepEqual(report.diagnoses, []);
  const [capture] = report.captures;
  assert.deepEqual([capture.path, capture.role, capture.format, capture.linkTypes], ['story.pcap', 'single', 'pcap', [276]]);
  assert.deepEqual(capture.summary.perServer, [{ server: '192.168.11.250:3306', attempts: 50, failed: 10, failureRate: 0.2 }]);
  const first = report.handshakes[0];
  assert.deepEqual(
    [first.id, first.client, first.server, first.synCount, first.tsval, first.verdict, first.outcome, first.cause, first.atServer],
    [1, '10.244.1.7:40000', '192.168.11.250:3306', 2, 500, 'fail', 'no-reply', null, null],
  );
  assert.equal(report.handshakes[1].verdict, 'pass');
});
