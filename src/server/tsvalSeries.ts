/**
 * The TSval chart's series: SYN TSvals against time per source address, or per TSval clock behind an
 * address that has several (NATed hosts show as parallel lines, dropped SYNs on the lines that are
 * behind). A capture of many clients (a scan, a flood, a busy server) would make millions of series: the
 * series with dropped SYNs and the most points are kept, and the rest share one "other addresses"
 * series, so the chart stays readable and bounded.
 *
 * Bounded in memory too: one pass over the attempts puts every SYN with a TSval into columns of typed
 * arrays with its series, and counts each series' points (an address with one connection, which the
 * clocks do not list, is the series of that one attempt, found without a map of addresses); only the
 * kept series' points and a sample of the others' are then made as objects.
 */
import { synFates } from '../analyzer/diagnosis/synFate.js';
import { addressKey, clientAddressKeys, type AddressClocks } from '../analyzer/diagnosis/timestampClocks.js';
import type { HandshakeAttempt } from '../analyzer/model.js';
import { MAX_CHART_POINTS, type TsvalPointJson, type TsvalSeriesJson } from '../shared/lspExtensions.js';
import { grown, IntList } from '../analyzer/handshakes/rowChunks.js';
import { keyOrder } from '../analyzer/keyOrder.js';
import { firstInOrder } from '../analyzer/firstInOrder.js';

/** Series drawn at most: beyond it the least telling addresses share one series. */
export const MAX_TSVAL_SERIES = 32;

/** Every n-th of `count` items, by position, so the shape survives; n chosen to fit `budget`. */
function everyNthPositions(count: number, budget: number): number[] {
  if (count <= budget) return Array.from({ length: count }, (_, i) => i);
  const step = count / budget;
  return Array.from({ length: budget }, (_, i) => Math.floor(i * step));
}

/** The series one address's attempts fall in: its own, or one per clock and one for its lone connections. */
interface AddressSeries {
  /** The address's first attempt with a TSval: where each of its series stands in the chart. */
  first: number;
  /** By sub-series (clock index, or the clocks' count for the lone connections); -1 until used. */
  series: Int32Array;
}

/** The series found so far, as columns by series number. */
class SeriesColumns {
  /** The address's first attempt (index) with a TSval: it names the series and places it in the chart. */
  readonly first = new IntList();
  /** -1: the address's only series; else the clock index, or the clocks' count for the lone ones. */
  readonly sub = new IntList();
  readonly points = new IntList();
  readonly dropped = new IntList();

  get count(): number {
    return this.first.length;
  }

  add(first: number, sub: number): number {
    this.first.push(first);
    this.sub.push(sub);
    this.points.push(0);
    this.dropped.push(0);
    return this.first.length - 1;
  }

  /** Before: the series order of the chart, by the address's first TSval, then clock by clock, the lone last. */
  before(a: number, b: number): boolean {
    const first = this.first.at(a) - this.first.at(b);
    return first !== 0 ? first < 0 : this.sub.at(a) < this.sub.at(b);
  }

  /** More telling: more dropped SYNs, then more points, then earlier in the chart. */
  moreTelling(a: number, b: number): boolean {
    const dropped = this.dropped.at(a) - this.dropped.at(b);
    if (dropped !== 0) return dropped > 0;
    const points = this.points.at(a) - this.points.at(b);
    return points !== 0 ? points > 0 : this.before(a, b);
  }
}

/** Every point with its series, and the series' columns: one pass over the attempts, each field read once. */
function countedSeries(attempts: readonly HandshakeAttempt[], clocks: readonly AddressClocks[]): { points: PointColumns; columns: SeriesColumns } {
  // By the addresses' keys (an IPv4 address's bits), which each attempt's is read as without a text.
  const clocksOf = new Map(clocks.map((c) => [addressKey(c.address), c]));
  const clientKey = clientAddressKeys(attempts);
  // For an address with several clocks: each attempt's clock, or the lone connections' sub-series.
  const clockOf = new Map<number, number>();
  for (const address of clocks) {
    if (address.clocks.length <= 1) continue;
    address.clocks.forEach((clock, index) => { for (const id of clock.attemptIds) clockOf.set(id, index); });
    for (const id of address.loneAttemptIds) clockOf.set(id, address.clocks.length);
  }
  const byAddress = new Map<number | string, AddressSeries>();
  const columns = new SeriesColumns();
  const points = new PointColumns();
  for (let index = 0; index < attempts.length; index++) {
    const attempt = attempts[index];
    const syns = attempt.syns;
    if (!syns.some((syn) => syn.tsval !== null)) continue;
    // An address the clocks do not list has one connection with a TSval: the series of this attempt.
    const key = clocksOf.size === 0 ? null : clientKey(attempt);
    const listed = key === null ? undefined : clocksOf.get(key);
    let series: number;
    if (listed === undefined) series = columns.add(index, -1);
    else {
      let known = byAddress.get(key!);
      if (known === undefined) byAddress.set(key!, (known = { first: index, series: new Int32Array(listed.clocks.length + 1).fill(-1) }));
      const sub = listed.clocks.length <= 1 ? 0 : clockOf.get(attempt.id) ?? listed.clocks.length;
      if (known.series[sub] < 0) known.series[sub] = columns.add(known.first, listed.clocks.length <= 1 ? -1 : sub);
      series = known.series[sub];
    }
    const fates = synFates(attempt, syns);
    let count = 0;
    let dropped = 0;
    syns.forEach((syn, at) => {
      if (syn.tsval === null) return;
      const unanswered = fates[at] === 'unanswered';
      points.add(syn.time, syn.tsval, attempt.id, unanswered, series);
      count++;
      if (unanswered) dropped++;
    });
    columns.points.set(series, columns.points.at(series) + count);
    columns.dropped.set(series, columns.dropped.at(series) + dropped);
  }
  return { points, columns };
}

/** The MAX_TSVAL_SERIES − 1 most telling series, in chart order. */
function mostTelling(columns: SeriesColumns): number[] {
  return inChartOrder(columns, firstInOrder(seriesNumbers(columns.count), MAX_TSVAL_SERIES - 1, (a, b) => (columns.moreTelling(a, b) ? -1 : 1)));
}

/** 0 to `count` less one, without an array of them (a flood has a series per attempt). */
function* seriesNumbers(count: number): Generator<number> {
  for (let series = 0; series < count; series++) yield series;
}

/** Series are numbered as their first point is met: a second clock's may come before the first's. */
function inChartOrder(columns: SeriesColumns, series: number[]): number[] {
  return series.sort((a, b) => (columns.before(a, b) ? -1 : 1));
}

/** A series' name and clock, from the address of its first attempt. */
function seriesHead(attempts: readonly HandshakeAttempt[], clocksOf: ReadonlyMap<string, AddressClocks>, columns: SeriesColumns, series: number): Pick<TsvalSeriesJson, 'label' | 'address' | 'clock' | 'rateHz'> {
  const address = attempts[columns.first.at(series)].client.address;
  const clocks = clocksOf.get(address)?.clocks ?? [];
  const sub = columns.sub.at(series);
  if (sub < 0) return { label: address, address, clock: clocks.length === 1 ? 1 : null, rateHz: clocks.length === 1 ? clocks[0].rateHz : null };
  if (sub < clocks.length) return { label: `${address} clock ${sub + 1}`, address, clock: sub + 1, rateHz: clocks[sub].rateHz };
  return { label: `${address} other`, address, clock: null, rateHz: null };
}

/** Every SYN with a TSval, as columns in the attempts' order, with the series it belongs to. */
class PointColumns {
  private times = new Float64Array(1024);
  private tsvals = new Float64Array(1024);
  private ids = new Float64Array(1024);
  private dropped = new Uint8Array(1024);
  private seriesOf = new Int32Array(1024);
  count = 0;

  add(time: number, tsval: number, id: number, dropped: boolean, series: number): void {
    if (this.count === this.times.length) this.grow();
    const at = this.count++;
    this.times[at] = time;
    this.tsvals[at] = tsval;
    this.ids[at] = id;
    this.dropped[at] = dropped ? 1 : 0;
    this.seriesOf[at] = series;
  }

  series(at: number): number {
    return this.seriesOf[at];
  }

  point(at: number): TsvalPointJson {
    return { time: this.times[at], tsval: this.tsvals[at], handshakeId: this.ids[at], dropped: this.dropped[at] === 1 };
  }

  /**
   * The points at `positions` in time order (ties in the attempts' order), thinned to `budget` by taking
   * every n-th: dropped SYNs are the evidence, so they get up to half the budget before passed ones are
   * thinned. The points left out are never made.
   */
  sample(positions: Int32Array, budget = MAX_CHART_POINTS): TsvalPointJson[] {
    const times = new Float64Array(positions.length);
    positions.forEach((at, i) => { times[i] = this.times[at]; });
    const order = keyOrder(times, false);
    if (positions.length <= budget) return Array.from(order, (i) => this.point(positions[i]));
    const dropped: number[] = [];
    const passed: number[] = [];
    for (const i of order) (this.dropped[positions[i]] === 1 ? dropped : passed).push(positions[i]);
    const droppedKept = everyNthPositions(dropped.length, Math.max(budget >> 1, budget - passed.length)).map((i) => dropped[i]);
    const kept = [...droppedKept, ...everyNthPositions(passed.length, budget - droppedKept.length).map((i) => passed[i])];
    return kept.map((at) => this.point(at)).sort((a, b) => a.time - b.time);
  }

  private grow(): void {
    const size = this.times.length * 2;
    this.times = grown(this.times, size);
    this.tsvals = grown(this.tsvals, size);
    this.ids = grown(this.ids, size);
    this.dropped = grown(this.dropped, size);
    this.seriesOf = grown(this.seriesOf, size);
  }
}

export function tsvalSeries(attempts: readonly HandshakeAttempt[], clocks: readonly AddressClocks[]): TsvalSeriesJson[] {
  const clocksOf = new Map(clocks.map((c) => [c.address, c]));
  const { points, columns } = countedSeries(attempts, clocks);
  const all = columns.count <= MAX_TSVAL_SERIES;
  const kept = all ? inChartOrder(columns, Array.from({ length: columns.count }, (_, series) => series)) : mostTelling(columns);
  const slotOf = new Int32Array(columns.count).fill(-1);
  kept.forEach((series, slot) => { slotOf[series] = slot; });
  // The positions of each kept series' points, and of the others'.
  const positions = kept.map(() => new IntList());
  const rest = new IntList();
  for (let at = 0; at < points.count; at++) {
    const slot = slotOf[points.series(at)];
    (slot < 0 ? rest : positions[slot]).push(at);
  }
  const result: TsvalSeriesJson[] = kept.map((series, slot) => ({
    ...seriesHead(attempts, clocksOf, columns, series), points: points.sample(positions[slot].view()), totalPoints: positions[slot].length,
  }));
  if (all) return result;
  const others = columns.count - kept.length;
  result.push({ label: `${others} other addresses`, address: '', clock: null, rateHz: null, points: points.sample(rest.view()), totalPoints: rest.length, addresses: others });
  return result;
}
