/**
 * The analysis as it stands while a capture is still read (CaptureScan.snapshot): what the end would
 * say if the capture ended there, and taking it leaves the scan as it was, so that the final answer
 * is the one of a read without snapshots.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { analyzeCaptureSync } from '../../src/analyzer/analyze.js';
import { MemorySource } from '../../src/analyzer/capture/memorySource.js';
import { CaptureScan } from '../../src/analyzer/captureScan.js';
import type { CaptureAnalysis } from '../../src/analyzer/captureScan.js';
import { diagnoseSingle } from '../../src/analyzer/diagnosis/diagnoseSingle.js';

const bytes = new Uint8Array(readFileSync('samples/story-client.pcap'));
const source = () => new MemorySource(bytes);

/** Reads the sample in slices of `slice` records, taking a snapshot after each; the snapshots and the result. */
function readWithSnapshots(slice: number, rowLimit?: number): { snapshots: CaptureAnalysis[]; atEnd: CaptureAnalysis; result: CaptureAnalysis } {
  const scan = new CaptureScan(source(), 'story-client.pcap', { reportDecided: true, rowLimit });
  const snapshots: CaptureAnalysis[] = [];
  while (!scan.done) {
    scan.step(slice);
    scan.takeDecided(-Infinity);
    snapshots.push(scan.snapshot());
  }
  const atEnd = scan.snapshot();
  return { snapshots, atEnd, result: scan.result() };
}

test('snapshots taken while reading leave the final analysis as a read without them gives it', () => {
  const alone = analyzeCaptureSync(source(), 'story-client.pcap');
  const { snapshots, atEnd, result } = readWithSnapshots(40);
  assert.ok(snapshots.length > 5, `several snapshots (${snapshots.length})`);
  assert.deepEqual(result, alone);
  assert.deepEqual(atEnd, alone, 'a snapshot at the end is the final analysis');
  // Each snapshot is a value of its own: later reading does not show through it.
  const counts = snapshots.map((snapshot) => snapshot.handshakes.length);
  assert.deepEqual(counts, [...counts].sort((a, b) => a - b));
  assert.ok(counts[0] < alone.handshakes.length, 'the first snapshot holds fewer attempts than the whole capture');
});

test('past the row limit, the snapshot counts the attempts still tracked in a copy of the tally', () => {
  const alone = analyzeCaptureSync(source(), 'story-client.pcap', undefined, { rowLimit: 5 });
  assert.ok(alone.unlisted !== null && alone.unlisted.attempts > 0);
  const { snapshots, atEnd, result } = readWithSnapshots(25, 5);
  assert.deepEqual(result, alone);
  assert.deepEqual(atEnd.summary, alone.summary);
  assert.deepEqual(atEnd.unlisted, alone.unlisted);
  const attempts = snapshots.map((snapshot) => snapshot.summary.attempts);
  assert.deepEqual(attempts, [...attempts].sort((a, b) => a - b), 'each snapshot counts at least the attempts of the one before');
});

test('a snapshot halfway through is diagnosed: the cause shows before the end', () => {
  const { snapshots } = readWithSnapshots(40);
  const halfway = snapshots[Math.floor(snapshots.length / 2)];
  assert.ok(halfway.summary.failed > 0, 'failures by halfway');
  const { diagnoses } = diagnoseSingle(halfway, 'single', 'en');
  assert.ok(diagnoses.length > 0, 'a diagnosis of what was read so far');
});
