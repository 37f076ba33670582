/**
 * The two charts of a capture, with a bounded number of points whatever its size: SYN TSvals against
 * time per source address and per TSval clock inferred behind it (NATed hosts show as parallel lines,
 * dropped SYNs on the lines that are behind), and attempts and failures per time bucket.
 */
import { synFates } from '../analyzer/diagnosis/synFate.js';
import { inferClocks, type AddressClocks } from '../analyzer/diagnosis/timestampClocks.js';
import type { HandshakeAttempt } from '../analyzer/model.js';
import { MAX_CHART_POINTS, type AttemptBucketJson, type CaptureChartsJson, type TsvalPointJson, type TsvalSeriesJson } from '../shared/lspExtensions.js';

const MAX_BUCKETS = 240;
const BUCKET_SIZES_SECONDS = [1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 21600, 43200, 86400];

function synPoints(attempt: HandshakeAttempt): TsvalPointJson[] {
  const fates = synFates(attempt);
  const points: TsvalPointJson[] = [];
  attempt.syns.forEach((syn, index) => {
    if (syn.tsval !== null) points.push({ time: syn.time, tsval: syn.tsval, handshakeId: attempt.id, dropped: fates[index] === 'unanswered' });
  });
  return points;
}

/** Every n-th point, so the shape survives; n chosen to fit `budget`. */
function everyNth<T>(items: readonly T[], budget: number): T[] {
  if (items.length <= budget) return items.slice();
  const step = items.length / budget;
  return Array.from({ length: budget }, (_, i) => items[Math.floor(i * step)]);
}

/** Dropped SYNs are the evidence: they get up to half the budget before passed ones are thinned. */
export function downsample(points: readonly TsvalPointJson[], budget = MAX_CHART_POINTS): TsvalPointJson[] {
  if (points.length <= budget) return points.slice();
  const dropped = points.filter((p) => p.dropped);
  const passed = points.filter((p) => !p.dropped);
  const droppedKept = everyNth(dropped, Math.max(budget >> 1, budget - passed.length));
  const kept = [...droppedKept, ...everyNth(passed, budget - droppedKept.length)];
  return kept.sort((a, b) => a.time - b.time);
}

/** Series drawn at most: beyond it the least telling addresses share one series (see `tsvalSeries`). */
export const MAX_TSVAL_SERIES = 32;

interface RawSeries {
  label: string;
  address: string | null;
  clock: number | null;
  rateHz: number | null;
  points: TsvalPointJson[];
  /** For the series that gathers the addresses past the limit: how many. */
  addresses?: number;
}

function rawSeries(label: string, address: string, clock: number | null, rateHz: number | null, attempts: readonly HandshakeAttempt[]): RawSeries {
  return { label, address, clock, rateHz, points: attempts.flatMap(synPoints) };
}

function finished(raw: RawSeries): TsvalSeriesJson {
  const points = raw.points.sort((a, b) => a.time - b.time);
  const series: TsvalSeriesJson = { label: raw.label, address: raw.address ?? '', clock: raw.clock, rateHz: raw.rateHz, points: downsample(points), totalPoints: points.length };
  if (raw.addresses !== undefined) series.addresses = raw.addresses;
  return series;
}

/**
 * One series per address, or per TSval clock behind an address that has several. A capture of many
 * clients (a scan, a busy server) would make thousands: the series with dropped SYNs and the most points
 * are kept, and the rest share one "other addresses" series, so the chart stays readable and bounded.
 */
function tsvalSeries(attempts: readonly HandshakeAttempt[], clocks: readonly AddressClocks[]): TsvalSeriesJson[] {
  const byId = new Map(attempts.map((a) => [a.id, a]));
  const byAddress = new Map<string, HandshakeAttempt[]>();
  // The addresses with a TSval, in the order of their first: the clocks list only those with two
  // connections or more (timestampClocks.ts), and one connection draws a series of its address too.
  const withTsvals = new Set<string>();
  for (const attempt of attempts) {
    const address = attempt.client.address;
    const list = byAddress.get(address);
    if (list) list.push(attempt);
    else byAddress.set(address, [attempt]);
    if (!withTsvals.has(address) && attempt.syns.some((syn) => syn.tsval !== null)) withTsvals.add(address);
  }
  const clocksOf = new Map(clocks.map((c) => [c.address, c]));
  const pick = (ids: readonly number[]) => ids.flatMap((id) => byId.get(id) ?? []);
  const all: RawSeries[] = [];
  for (const text of withTsvals) {
    const address = clocksOf.get(text);
    if (address === undefined || address.clocks.length <= 1) {
      all.push(rawSeries(text, text, address?.clocks.length === 1 ? 1 : null, address?.clocks[0]?.rateHz ?? null, byAddress.get(text) ?? []));
      continue;
    }
    address.clocks.forEach((clock, index) => {
      all.push(rawSeries(`${address.address} clock ${index + 1}`, address.address, index + 1, clock.rateHz, pick(clock.attemptIds)));
    });
    if (address.loneAttemptIds.length > 0) all.push(rawSeries(`${address.address} other`, address.address, null, null, pick(address.loneAttemptIds)));
  }
  if (all.length <= MAX_TSVAL_SERIES) return all.map(finished);
  const dropped = (raw: RawSeries) => raw.points.filter((p) => p.dropped).length;
  const ranked = all
    .map((raw, order) => ({ raw, order, dropped: dropped(raw) }))
    .sort((a, b) => b.dropped - a.dropped || b.raw.points.length - a.raw.points.length || a.order - b.order);
  const kept = ranked.slice(0, MAX_TSVAL_SERIES - 1).sort((a, b) => a.order - b.order).map(({ raw }) => raw);
  const rest = ranked.slice(MAX_TSVAL_SERIES - 1);
  const other: RawSeries = { label: `${rest.length} other addresses`, address: null, clock: null, rateHz: null, points: rest.flatMap(({ raw }) => raw.points), addresses: rest.length };
  return [...kept, other].map(finished);
}

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
