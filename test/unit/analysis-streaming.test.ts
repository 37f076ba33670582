/** Snapshots of the decided attempts while a capture is read: early, values of their own, and never a different result. */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { analyzeCapture, analyzeCaptureSync } from '../../src/analyzer/analyze.js';
import { MemorySource } from '../../src/analyzer/capture/memorySource.js';
import type { PartialAnalysis } from '../../src/analyzer/partialAnalysis.js';
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
