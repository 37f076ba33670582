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

interface TsvalPoint {
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
    for (const syn of attempt.syns) {
      if (syn.tsval === null) continue;
      const points = byAddress.get(attempt.client.address) ?? [];
      points.push({ attemptId: attempt.id, time: syn.time, tsval: syn.tsval });
      byAddress.set(attempt.client.address, points);
    }
  }
  return [...byAddress].map(([address, points]) => clocksOfAddress(address, points));
}

function clocksOfAddress(address: string, points: TsvalPoint[]): AddressClocks {
  // One connection draws no line (a line needs two): what the search below would find, without it. A
  // flood or a scan from many addresses is mostly these.
  const only = points[0].attemptId;
  if (points.every((p) => p.attemptId === only)) return { address, connections: 1, clocks: [], loneAttemptIds: [only], pattern: patternOf(1, 0, 1) };
  const t0 = points.reduce((min, p) => Math.min(min, p.time), Infinity);
  const clocks: TsvalClock[] = [];
  let remaining = points;
  // Greedy, longest line at any rate first, so that hosts of different rates behind one address separate
  // (a 250 Hz host seen at 1000 Hz falls apart into short pieces that its full line outranks). A round
  // claims every line that shares no connection with a longer one; the rest are retried on what is left.
  for (;;) {
    const lines = CANDIDATE_RATES_HZ.flatMap((rateHz) => linesAtRate(remaining, rateHz, t0).map((members) => ({
      rateHz, members, ids: new Set(members.map((p) => p.attemptId)),
    }))).filter((line) => line.ids.size >= 2).sort((a, b) => b.ids.size - a.ids.size);
    const claimed = new Set<number>();
    for (const line of lines) {
      if ([...line.ids].some((id) => claimed.has(id))) continue;
      for (const id of line.ids) claimed.add(id);
      clocks.push(clockOf(line.rateHz, line.members));
    }
    if (claimed.size === 0) break;
    remaining = remaining.filter((p) => !claimed.has(p.attemptId));
  }
  const loneAttemptIds = [...new Set(remaining.map((p) => p.attemptId))];
  const connections = new Set(points.map((p) => p.attemptId)).size;
  return { address, connections, clocks, loneAttemptIds, pattern: patternOf(connections, clocks.length, loneAttemptIds.length) };
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

/** Groups points whose `tsval − rate·t` (mod 2^32) lie within the tolerance of a neighbour. */
function linesAtRate(points: readonly TsvalPoint[], rateHz: number, t0: number): TsvalPoint[][] {
  if (points.length === 0) return [];
  const tolerance = Math.max(MIN_TOLERANCE_TICKS, rateHz * LINE_TOLERANCE_SECONDS);
  const keyed = points
    .map((point) => ({ point, intercept: modulo32(point.tsval - Math.round((point.time - t0) * rateHz)) }))
    .sort((a, b) => a.intercept - b.intercept);
  const lines: TsvalPoint[][] = [];
  let current: TsvalPoint[] = [keyed[0].point];
  for (let i = 1; i < keyed.length; i++) {
    if (keyed[i].intercept - keyed[i - 1].intercept <= tolerance) current.push(keyed[i].point);
    else {
      lines.push(current);
      current = [keyed[i].point];
    }
  }
  lines.push(current);
  // The line that straddles the 2^32 wrap of the intercept is one line.
  if (lines.length > 1 && keyed[0].intercept + TWO_32 - keyed[keyed.length - 1].intercept <= tolerance) {
    lines[0].push(...lines.pop()!);
  }
  return lines;
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
