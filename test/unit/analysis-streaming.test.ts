/** Snapshots of the decided attempts while a capture is read: early, values of their own, and never a different result. */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { analyzeCapture, analyzeCaptureSync } from '../../src/analyzer/analyze.js';
import { MemorySource } from '../../src/analyzer/capture/memorySource.js';
import { CaptureScan } from '../../src/analyzer/captureScan.js';
import { MAX_DECIDED_ROWS, type PartialAnalysis } from '../../src/analyzer/partialAnalysis.js';
import { kindOf, writeStreamingCapture } from './streamingCapture.js';

const ATTEMPTS = 20_000;
let directory: string;
let bytes: Uint8Array;

before(() => {
  directory = mkdtempSync(join(tmpdir(), 'handshake-lens-streaming-'));
  const path = join(directory, 'streaming.pcap');
  writeStreamingCapture(path, ATTEMPTS);
  bytes = new Uint8Array(readFileSync(path));
});
after(() => rmSync(directory, { recursive: true, force: true }));

const source = () => new MemorySource(bytes);

test('rows come out while the capture is read, and the result is the one of a read without them', async () => {
  const snapshots: PartialAnalysis[] = [];
  let ended = 0;
  const streamed = await analyzeCapture(source(), 'streaming.pcap', {
    yieldEvery: 4096,
    partial: {
      everyMs: 0,
      publish: (partial) => {
        assert.equal(ended, 0, 'no snapshot after the end');
        snapshots.push(partial);
      },
      end: () => void ended++,
    },
  });
  assert.equal(ended, 1);
  assert.deepEqual(streamed, analyzeCaptureSync(source(), 'streaming.pcap'));

  assert.ok(snapshots.length > 5, `several snapshots (${snapshots.length})`);
  assert.ok(snapshots.every((snapshot) => snapshot.decided.length > 0), 'no snapshot before there are rows to show');
  const first = snapshots[0]!;
  assert.ok(first.bytesRead < first.size / 4, `the first rows come early (at byte ${first.bytesRead} of ${first.size})`);
  const lengths = snapshots.map((snapshot) => snapshot.decided.length);
  assert.deepEqual(lengths, [...lengths].sort((a, b) => a - b), 'each snapshot holds at least the rows of the one before');
  // An early snapshot is a value: what came after it does not show through it.
  assert.equal(first.decided.at(first.decided.length), undefined);
  const last = snapshots[snapshots.length - 1];
  assert.ok(last.decided.length > ATTEMPTS * 0.9 && last.decided.length <= ATTEMPTS);
  assert.ok(last.attempts >= last.decided.length);

  // What a snapshot says of an attempt is what the whole capture says of it.
  const final = new Map(streamed.handshakes.map((attempt) => [attempt.id, attempt] as const));
  let failed = 0;
  for (let index = 0; index < last.decided.length; index++) {
    const early = last.decided.at(index)!;
    const whole = final.get(early.id)!;
    assert.deepEqual([early.verdict, early.outcome, early.synTime, early.client], [whole.verdict, whole.outcome, whole.synTime, whole.client], `attempt ${early.id}`);
    assert.equal(early.verdict === 'fail', kindOf(early.id - 1) !== 'pass');
    if (early.verdict === 'fail') failed++;
  }
  assert.equal(last.failed, failed);
});

test('a cancelled read ends its snapshots and keeps the rows it read', async () => {
  let ended = 0;
  let polls = 0;
  const result = await analyzeCapture(source(), 'streaming.pcap', {
    yieldEvery: 4096,
    isCancelled: () => ++polls > 3,
    partial: { everyMs: 0, publish: () => undefined, end: () => void ended++ },
  });
  assert.equal(ended, 1);
  assert.ok(result.warnings.some((warning) => warning.code === 'analysis-cancelled'));
  assert.ok(result.handshakes.length > 0 && result.handshakes.length < ATTEMPTS);
});

test('past its first records a take of the decided attempts counts them, failed ones apart, without making records', () => {
  const scan = new CaptureScan(source(), 'streaming.pcap', { reportDecided: true });
  scan.step(Infinity);
  const taken = scan.takeDecided(Infinity, 10);
  const whole = scan.result().handshakes;
  assert.deepEqual(taken.records.map((record) => record.id), whole.slice(0, 10).map((record) => record.id));
  assert.equal(taken.decided, ATTEMPTS);
  assert.equal(taken.failed, whole.filter((record) => record.verdict === 'fail').length);
  assert.equal(scan.takeDecided(Infinity).decided, 0, 'each attempt is handed out once');
});

test('the snapshots keep the first MAX_DECIDED_ROWS decided attempts as rows and count the others', async () => {
  const path = join(directory, 'many.pcap');
  const attempts = MAX_DECIDED_ROWS + 20_000;
  writeStreamingCapture(path, attempts);
  const many = new Uint8Array(readFileSync(path));
  const snapshots: PartialAnalysis[] = [];
  const streamed = await analyzeCapture(new MemorySource(many), 'many.pcap', {
    yieldEvery: 16_384,
    partial: { everyMs: 0, publish: (partial) => void snapshots.push(partial), end: () => undefined },
  });
  assert.equal(streamed.handshakes.length, attempts, 'every attempt is a row of the result');
  const last = snapshots[snapshots.length - 1]!;
  assert.equal(last.decided.length, MAX_DECIDED_ROWS);
  assert.ok(last.decidedCount > MAX_DECIDED_ROWS && last.decidedCount <= attempts, `${last.decidedCount} decided`);
  const keptFailed = Array.from({ length: last.decided.length }, (_, index) => last.decided.at(index)!).filter((row) => row.verdict === 'fail').length;
  const allFailed = streamed.handshakes.filter((record) => record.verdict === 'fail').length;
  assert.ok(last.failed > keptFailed && last.failed <= allFailed, `${last.failed} failed of the decided, ${keptFailed} among the rows kept, ${allFailed} in all`);
  for (const snapshot of snapshots) assert.ok(snapshot.decided.length <= MAX_DECIDED_ROWS && snapshot.decided.length <= snapshot.decidedCount);
});
