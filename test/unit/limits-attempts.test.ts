/**
 * State per connection attempt stays small: a SYN-only capture (a SYN flood, a port scan) of many
 * attempts, each from its own address and port, streamed into a temporary file. The figure for ten
 * million is `node --expose-gc --import tsx tools/limits/attemptMemory.ts 10000000` (docs/limits.md).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { measureAttemptMemory } from '../../tools/limits/attemptMemory.js';
import { collectGarbage } from './heapMeasure.js';

/** 672 bytes held and about 1,330 at the peak were measured; the bounds leave room, not a regression. */
const HELD_BYTES_PER_ATTEMPT = 1024;
const PEAK_BYTES_PER_ATTEMPT = 2560;

test('200,000 unanswered SYNs keep under 1 KB per attempt once analysed', (t) => {
  const measured = measureAttemptMemory(200_000, collectGarbage);
  t.diagnostic(`${Math.round(measured.retainedBytesPerAttempt)} bytes per attempt held, ${Math.round(measured.peakBytesPerAttempt)} at the peak`);
  assert.ok(measured.retainedBytesPerAttempt < HELD_BYTES_PER_ATTEMPT, `${measured.retainedBytesPerAttempt} bytes per attempt held`);
  assert.ok(measured.peakBytesPerAttempt < PEAK_BYTES_PER_ATTEMPT, `${measured.peakBytesPerAttempt} bytes per attempt at the peak`);
});
