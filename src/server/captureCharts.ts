/**
 * The two charts of a capture, with a bounded number of points whatever its size: SYN TSvals against
 * time per source address and per TSval clock inferred behind it (NATed hosts show as parallel lines,
 * dropped SYNs on the lines that are behind), and attempts and failures per time bucket.
 */
import { inferClocks } from '../analyzer/diagnosis/timestampClocks.js';
import type { HandshakeAttempt } from '../analyzer/model.js';
import type { AttemptBucketJson, CaptureChartsJson } from '../shared/lspExtensions.js';
import { tsvalSeries } from './tsvalSeries.js';

const MAX_BUCKETS = 240;
const BUCKET_SIZES_SECONDS = [1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 21600, 43200, 86400];

function bucketSize(span: number): number {
  return BUCKET_SIZES_SECONDS.find((size) => span / size <= MAX_BUCKETS) ?? Math.ceil(span / MAX_BUCKETS);
}

function attemptBuckets(attempts: readonly HandshakeAttempt[], start: number | null, end: number | null): { bucketSeconds: number; buckets: AttemptBucketJson[] } {
  if (start === null || end === null || attempts.length === 0) return { bucketSeconds: 1, buckets: [] };
  const size = bucketSize(end - start);
  const first = Math.floor(start / size) * size;
  const count = Math.floor((end - first) / size) + 1;
  const buckets = Array.from({ length: count }, (_, i) => ({ start: first + i * size, attempts: 0, failed: 0 }));
  for (const attempt of attempts) {
    const bucket = buckets[Math.min(count - 1, Math.max(0, Math.floor((attempt.synTime - first) / size)))];
    bucket.attempts++;
    if (attempt.verdict === 'fail') bucket.failed++;
  }
  return { bucketSeconds: size, buckets };
}

export function captureCharts(attempts: readonly HandshakeAttempt[], start: number | null, end: number | null): CaptureChartsJson {
  const clocks = inferClocks(attempts);
  const { bucketSeconds, buckets } = attemptBuckets(attempts, start, end);
  return { tsval: tsvalSeries(attempts, clocks), bucketSeconds, attempts: buckets };
}
