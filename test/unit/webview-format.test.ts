import assert from 'node:assert/strict';
import { test } from 'node:test';
import { formatBytes, formatClock, formatCount, formatMs, formatOffset, formatSpan, formatTime, formatTimeOfDay, spansDays } from '../../src/webview/format.js';
import { captureTime } from '../../src/analyzer/explain/format.js';

// 2026-11-02 09:00:11.827 UTC, the story's second attempt.
const SYN_TIME = 1793610011.827;

test('times print to the millisecond, with UTC named', () => {
  assert.equal(formatTime(SYN_TIME, 'utc'), '2026-11-02 09:00:11.827 UTC');
  assert.equal(formatClock(SYN_TIME, 'utc'), '09:00:11');
  assert.match(formatTime(SYN_TIME, 'local'), /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}\.827$/);
});

test('milliseconds keep a precision that suits their size', () => {
  assert.equal(formatMs(0.4237), '0.42');
  assert.equal(formatMs(12.3456), '12.3');
  assert.equal(formatMs(2357.74), '2,358');
  assert.equal(formatMs(null), '');
  assert.equal(formatOffset(2357.74), '+2,358 ms');
  assert.equal(formatOffset(-0.5), '−0.50 ms');
});

test('counts, spans and sizes', () => {
  assert.equal(formatCount(173495), '173,495');
  assert.equal(formatSpan(48.72), '48.7 s');
  assert.equal(formatSpan(228.7), '3 min 48.7 s');
  assert.equal(formatSpan(3720), '1 h 02 min');
  // Rounding to the tenth shown carries into the next unit instead of printing 60.
  assert.equal(formatSpan(59.97), '1 min 0 s');
  assert.equal(formatSpan(599.96), '10 min 0 s');
  assert.equal(formatSpan(3599.97), '1 h 00 min');
  assert.equal(formatBytes(812), '812 B');
  assert.equal(formatBytes(4.2 * 1024 * 1024), '4.2 MB');
});

test('the table drops the date when a capture lies within one day', () => {
  const morning = Date.UTC(2026, 10, 2, 9, 0, 1, 431) / 1000;
  assert.equal(formatTimeOfDay(morning, 'utc'), '09:00:01.431 UTC');
  assert.equal(spansDays(morning, morning + 3600, 'utc'), false);
  assert.equal(spansDays(morning, morning + 86_400, 'utc'), true);
  assert.equal(spansDays(Date.UTC(2026, 10, 2, 23, 59, 59) / 1000, Date.UTC(2026, 10, 3, 0, 0, 1) / 1000, 'utc'), true);
});

test('times beyond what a Date holds print as raw seconds instead of throwing or printing NaN', () => {
  // tshark reads some corrupt records as about 1.7e14 s; a Date stops at 8.64e12 s.
  const farOff = 1.7e14;
  for (const zone of ['utc', 'local'] as const) {
    assert.equal(formatTime(farOff, zone), '170000000000000.000 s since 1970');
    assert.equal(formatTimeOfDay(farOff, zone), '170000000000000.000 s since 1970');
    assert.equal(formatClock(farOff, zone), '170000000000000');
    assert.equal(spansDays(SYN_TIME, farOff, zone), false);
  }
  assert.equal(formatTime(Number.NaN, 'local'), 'NaN s since 1970');
});

test('UTC times read as the CLI and the explanations print them', () => {
  assert.equal(formatTime(SYN_TIME, 'utc'), captureTime(SYN_TIME));
  assert.equal(formatTimeOfDay(SYN_TIME, 'utc'), '09:00:11.827 UTC');
});
