/**
 * How many TSval clocks send SYNs from one address. A host's TSval advances at a fixed rate (1000 Hz on
 * Linux since 4.13, HZ — often 250 — before, other rates elsewhere), so its SYNs lie on one straight line
 * of TSval against capture time: `tsval − rate·t` is the same for all of them. Several lines behind one
 * address are several hosts (NAT). A kernel that starts every connection at a random offset puts each
 * connection on a line of its own; then TSvals cannot count hosts and nothing here pretends they can.
 */
import type { HandshakeAttempt } from '../model.js';

/** Rates tried, most common first (a tie goes to the earlier one). */
export const CANDIDATE_RATES_HZ = [1000, 250, 100, 300, 10];
/** Jitter allowed around a line: the capture's view of when a SYN left (delay variation, jiffies). */
const LINE_TOLERANCE_SECONDS = 0.1;
const MIN_TOLERANCE_TICKS = 3;
const TWO_32 = 2 ** 32;

export interface TsvalClock {
  rateHz: number;
  /** The connections on this line, in time order. */
  attemptIds: number[];
  /** TSval of its first SYN, and when. */
  firstTsval: number;
  firstTime: number;
  lastTime: number;
}

export type ClockPattern =
  /** Fewer than two connections with timestamps. */
  | 'too-few'
  /** One line: one host (or hosts that share a clock). */
  | 'single-clock'
  /** A few lines: several hosts behind the address. */
  | 'several-clocks'
  /** Nearly every connection on a line of its own: per-connection random offsets. */
  | 'per-connection';

export interface AddressClocks {
  address: string;
  /** Connections from this address whose SYN carried a TSval. */
  connections: number;
  /** Lines holding at least two connections. */
  clocks: TsvalClock[];
  /** Connections on no shared line. */
  loneAttemptIds: number[];
  pattern: ClockPattern;
}

export interface TsvalPoint {
  attemptId: number;
  time: number;
  tsval: number;
}

/**
 * The clocks of each list of attempts, once: the diagnosis and the editor's charts and breakdown all ask
 * for those of one capture's attempts (a second of work for a flood of 400,000). Attempts and clocks are
 * values, never changed once made, so the answer for a list stays right while the list lives.
 */
const clocksOfAttempts = new WeakMap<readonly HandshakeAttempt[], AddressClocks[]>();

export function inferClocks(attempts: readonly HandshakeAttempt[]): AddressClocks[] {
  let clocks = clocksOfAttempts.get(attempts);
  if (clocks === undefined) clocksOfAttempts.set(attempts, (clocks = inferredClocks(attempts)));
  return clocks;
}

function inferredClocks(attempts: readonly HandshakeAttempt[]): AddressClocks[] {
  const byAddress = new Map<string, TsvalPoint[]>();
  for (const attempt of attempts) {
    let points: TsvalPoint[] | undefined;
    for (const syn of attempt.syns) {
      if (syn.tsval === null) continue;
      if (points === undefined) {
        points = byAddress.get(attempt.client.address);
        if (points === undefined) byAddress.set(attempt.client.address, (points = []));
      }
      points.push({ attemptId: attempt.id, time: syn.time, tsval: syn.tsval });
    }
  }
  return [...byAddress].map(([address, points]) => clocksOfAddress(address, points));
}

/** A line of two connections or more at one rate, and those connections in the order of its points. */
interface CandidateLine {
  rateHz: number;
  members: TsvalPoint[];
  ids: number[];
}

function clocksOfAddress(address: string, points: TsvalPoint[]): AddressClocks {
  // One connection draws no line (a line needs two): what the search below would find, without it. A
  // flood or a scan from many addresses is mostly these.
  const only = points[0].attemptId;
  if (points.every((p) => p.attemptId === only)) return { address, connections: 1, clocks: [], loneAttemptIds: [only], pattern: patternOf(1, 0, 1) };
  let t0 = Infinity;
  for (const point of points) t0 = Math.min(t0, point.time);
  const clocks: TsvalClock[] = [];
  let remaining = points;
  // Greedy, longest line at any rate first, so that hosts of different rates behind one address separate
  // (a 250 Hz host seen at 1000 Hz falls apart into short pieces that its full line outranks). A round
  // claims every line that shares no connection with a longer one; the rest are retried on what is left.
  for (;;) {
    const lines: CandidateLine[] = [];
    for (const rateHz of CANDIDATE_RATES_HZ) {
      for (const members of linesAtRate(remaining, rateHz, t0)) {
        const ids = distinctAttemptIds(members);
        if (ids.length >= 2) lines.push({ rateHz, members, ids });
      }
    }
    lines.sort((a, b) => b.ids.length - a.ids.length);
    const claimed = new Set<number>();
    for (const line of lines) {
      if (line.ids.some((id) => claimed.has(id))) continue;
      for (const id of line.ids) claimed.add(id);
      clocks.push(clockOf(line.rateHz, line.members));
    }
    if (claimed.size === 0) break;
    remaining = remaining.filter((p) => !claimed.has(p.attemptId));
  }
  const loneAttemptIds = distinctAttemptIds(remaining);
  const connections = new Set(points.map((p) => p.attemptId)).size;
  return { address, connections, clocks, loneAttemptIds, pattern: patternOf(connections, clocks.length, loneAttemptIds.length) };
}

/** The attempts of `points`, each once, in the order of their first point. */
function distinctAttemptIds(points: readonly TsvalPoint[]): number[] {
  return [...new Set(points.map((p) => p.attemptId))];
}

function clockOf(rateHz: number, members: readonly TsvalPoint[]): TsvalClock {
  const ordered = members.slice().sort((a, b) => a.time - b.time);
  return {
    rateHz,
    attemptIds: [...new Set(ordered.map((p) => p.attemptId))],
    firstTsval: ordered[0].tsval,
    firstTime: ordered[0].time,
    lastTime: ordered[ordered.length - 1].time,
  };
}

function patternOf(connections: number, lines: number, lone: number): ClockPattern {
  if (connections < 2) return 'too-few';
  if (lone >= 3 && lone >= connections / 2) return 'per-connection';
  if (lines + lone >= 2) return 'several-clocks';
  return 'single-clock';
}

/**
 * Groups points whose `tsval − rate·t` (mod 2^32) lie within the tolerance of a neighbour, and returns
 * the groups of two points or more (a lone point draws no line), each in the order of its intercepts.
 * Only the order of the points is sorted, and a group's points are gathered only when it has two: at
 * rates that do not fit the host nearly every point is a group of its own.
 */
export function linesAtRate(points: readonly TsvalPoint[], rateHz: number, t0: number): TsvalPoint[][] {
  const count = points.length;
  if (count < 2) return [];
  const tolerance = Math.max(MIN_TOLERANCE_TICKS, rateHz * LINE_TOLERANCE_SECONDS);
  const intercepts = new Float64Array(count);
  for (let i = 0; i < count; i++) intercepts[i] = modulo32(points[i].tsval - Math.round((points[i].time - t0) * rateHz));
  const order = interceptOrder(intercepts);
  const starts = [0];
  for (let i = 1; i < count; i++) if (intercepts[order[i]] - intercepts[order[i - 1]] > tolerance) starts.push(i);
  // The line that straddles the 2^32 wrap of the intercept is one line: the last group joins the first.
  const wraps = starts.length > 1 && intercepts[order[0]] + TWO_32 - intercepts[order[count - 1]] <= tolerance;
  const groups = wraps ? starts.length - 1 : starts.length;
  const lines: TsvalPoint[][] = [];
  for (let group = 0; group < groups; group++) {
    const from = starts[group];
    const to = group + 1 < starts.length ? starts[group + 1] : count;
    const wrapped = wraps && group === 0 ? count - starts[starts.length - 1] : 0;
    if (to - from + wrapped < 2) continue;
    const members: TsvalPoint[] = [];
    for (let i = from; i < to; i++) members.push(points[order[i]]);
    for (let i = count - wrapped; i < count; i++) members.push(points[order[i]]);
    lines.push(members);
  }
  return lines;
}

/** Up to this many points, an intercept (below 2^32) and a point's index share one exact double (below 2^53). */
const PACKED_POINTS = 2 ** 21;

/**
 * The indices of `intercepts` in ascending order, equal ones in index order as a stable sort leaves them.
 * A typed array of intercept·2^21 + index sorts natively, without a comparator called per comparison.
 */
export function interceptOrder(intercepts: Float64Array, packedPoints = PACKED_POINTS): ArrayLike<number> {
  const count = intercepts.length;
  if (count > packedPoints) return Array.from({ length: count }, (_, i) => i).sort((a, b) => intercepts[a] - intercepts[b] || a - b);
  const keys = new Float64Array(count);
  for (let i = 0; i < count; i++) keys[i] = intercepts[i] * PACKED_POINTS + i;
  keys.sort();
  const order = new Uint32Array(count);
  for (let i = 0; i < count; i++) order[i] = keys[i] % PACKED_POINTS;
  return order;
}

function modulo32(value: number): number {
  return ((value % TWO_32) + TWO_32) % TWO_32;
}

/** A connection on no shared line is assumed to tick at 1000 Hz, as modern Linux does. */
const ASSUMED_RATE_HZ = 1000;

/** Each connection's clock rate by attempt id: its shared line's, else the assumed rate. */
export function ratesByAttempt(clocks: readonly AddressClocks[]): (attemptId: number) => number {
  const rates = new Map<number, number>();
  for (const address of clocks) {
    for (const clock of address.clocks) for (const id of clock.attemptIds) rates.set(id, clock.rateHz);
  }
  return (attemptId) => rates.get(attemptId) ?? ASSUMED_RATE_HZ;
}
