/**
 * How many TSval clocks send SYNs from one address. A host's TSval advances at a fixed rate (1000 Hz on
 * Linux since 4.13, HZ — often 250 — before, other rates elsewhere), so its SYNs lie on one straight line
 * of TSval against capture time: `tsval − rate·t` is the same for all of them. Several lines behind one
 * address are several hosts (NAT). A kernel that starts every connection at a random offset puts each
 * connection on a line of its own; then TSvals cannot count hosts and nothing here pretends they can.
 */
import type { HandshakeAttempt } from '../model.js';
import { grown } from '../handshakes/rowChunks.js';
import { columnsOf } from '../handshakes/storedRecords.js';
import type { SynPoint } from '../handshakes/connectionAttempt.js';
import { ipv4Text } from '../layers/tcpPacket.js';

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

/**
 * SYNs that carried a TSval, point `p` at index `p` of each column: the attempt, when, and the TSval.
 * Columns rather than an object per SYN: a flood lists ten million of them.
 */
export interface TsvalPoints {
  attemptIds: ArrayLike<number>;
  times: ArrayLike<number>;
  tsvals: ArrayLike<number>;
}

/**
 * The clocks of each list of attempts, once: the diagnosis and the editor's charts and breakdown all ask
 * for those of one capture's attempts (a second of work for a flood of 400,000). Attempts and clocks are
 * values, never changed once made, so the answer for a list stays right while the list lives.
 *
 * Only addresses with two connections or more are listed: one connection draws no line and says nothing
 * of clocks, and a flood from random sources is ten million such addresses. An address not listed has
 * pattern `too-few`, with one connection or none (whether its SYN carried a TSval, the attempts say).
 */
const clocksOfAttempts = new WeakMap<readonly HandshakeAttempt[], AddressClocks[]>();

export function inferClocks(attempts: readonly HandshakeAttempt[]): AddressClocks[] {
  let clocks = clocksOfAttempts.get(attempts);
  if (clocks === undefined) clocksOfAttempts.set(attempts, (clocks = inferredClocks(attempts)));
  return clocks;
}

function inferredClocks(attempts: readonly HandshakeAttempt[]): AddressClocks[] {
  const gathered = gatheredPoints(attempts);
  const { points, addresses, connections, connectionOf, keys } = gathered;
  const byAddress = pointsByAddress(gathered);
  const most = connections.reduce((a, b) => Math.max(a, b), 0);
  const marks = { seen: new ConnectionMarks(connectionOf, most), claimed: new ConnectionMarks(connectionOf, most) };
  const clocks: AddressClocks[] = [];
  for (let address = 0; address < addresses; address++) {
    if (connections[address] < 2) continue;
    const own = byAddress.order.subarray(byAddress.starts[address], byAddress.starts[address + 1]);
    clocks.push(clocksOfAddress(addressOfKey(keys[address]), connections[address], points, own, marks));
  }
  return clocks;
}

/** The points of every attempt, and each address (numbered in the order of its first point) with its connections. */
interface GatheredPoints {
  points: TsvalPoints;
  count: number;
  /** The address of each point, as its number. */
  addressOf: Int32Array;
  /** The connection of each point, numbered from 0 at each address in the attempts' order. */
  connectionOf: Int32Array;
  /** How many addresses: their numbers are 0 to this less one. */
  addresses: number;
  /** Connections with a TSval per address number. */
  connections: Int32Array;
  /** Per address number, its addressKey: the text is made only for the addresses that get clocks. */
  keys: (number | string)[];
}

/** An address's text from its addressKey, as the records write it. */
function addressOfKey(key: number | string): string {
  return typeof key === 'number' ? ipv4Text(key) : key;
}

/**
 * One pass over the attempts, each field read once. A stored record would rebuild its SYNs' objects at
 * every read, so an attempt of one SYN, nearly every attempt of a flood, is read from the store's
 * columns instead (AttemptColumns.onlySyn): ten million SYN arrays were a quarter of the inference.
 */
function gatheredPoints(attempts: readonly HandshakeAttempt[]): GatheredPoints {
  // Most attempts send one SYN: sized for that, grown when retransmissions need more.
  let capacity = Math.max(16, attempts.length);
  let addressOf = new Int32Array(capacity);
  let connectionOf = new Int32Array(capacity);
  let attemptIds = new Uint32Array(capacity);
  let times = new Float64Array(capacity);
  let tsvals = new Uint32Array(capacity);
  const numbers = new Map<number | string, number>();
  const keys: (number | string)[] = [];
  const clientKey = clientAddressKeys(attempts);
  const columns = columnsOf(attempts);
  const onlySyn: SynPoint = { time: 0, tsval: 0 };
  let connections = new Int32Array(1024);
  let count = 0;
  /** The attempt's address and connection numbers, taken at its first SYN with a TSval; -1 before it. */
  let address = -1;
  let connection = 0;
  const add = (attempt: HandshakeAttempt, time: number, tsval: number): void => {
    if (address < 0) {
      const key = clientKey(attempt);
      let number = numbers.get(key);
      if (number === undefined) {
        numbers.set(key, (number = numbers.size));
        keys.push(key);
        if (number === connections.length) connections = grown(connections, connections.length * 2);
      }
      address = number;
      connection = connections[address]++;
    }
    if (count === capacity) {
      capacity = Math.ceil(capacity * 1.5);
      addressOf = grown(addressOf, capacity);
      connectionOf = grown(connectionOf, capacity);
      attemptIds = grown(attemptIds, capacity);
      times = grown(times, capacity);
      tsvals = grown(tsvals, capacity);
    }
    addressOf[count] = address;
    connectionOf[count] = connection;
    attemptIds[count] = attempt.id;
    times[count] = time;
    tsvals[count] = tsval;
    count++;
  };
  for (let index = 0; index < attempts.length; index++) {
    const attempt = attempts[index];
    address = -1;
    // The columns' row is the record's index in the list they were made for.
    if (columns !== null && columns.onlySyn(index, onlySyn)) {
      if (onlySyn.tsval >= 0) add(attempt, onlySyn.time, onlySyn.tsval);
      continue;
    }
    for (const syn of attempt.syns) if (syn.tsval !== null) add(attempt, syn.time, syn.tsval);
  }
  return { points: { attemptIds, times, tsvals }, count, addressOf, connectionOf, addresses: numbers.size, connections, keys };
}

/**
 * Each attempt of `attempts` with its client address as addressKey gives it: read from the store's
 * columns when the records are a finished tracker's rows (storedRecords.ts), so that no endpoint object
 * is made per attempt (a flood's millions of client endpoints outnumber any cache of them).
 */
export function clientAddressKeys(attempts: readonly HandshakeAttempt[]): (attempt: HandshakeAttempt) => number | string {
  const columns = columnsOf(attempts);
  if (columns === null) return (attempt) => addressKey(attempt.client.address);
  return (attempt) => {
    // A stored record's row is its id less one; a record of another list is read as it is.
    const row = attempt.id - 1;
    const endpoint = attempts[row] === attempt ? columns.ipv4Endpoint(row, true) : -1;
    return endpoint < 0 ? addressKey(attempt.client.address) : Math.floor(endpoint / 65_536) | 0;
  };
}

/**
 * An IPv4 address as its 32 bits, any other as its text: a small integer, which a map holds without a
 * text per address (a flood from random sources has ten million) and hashes without reading one.
 */
export function addressKey(text: string): number | string {
  let value = 0;
  let octet = 0;
  let digits = 0;
  let dots = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === 46) {
      if (digits === 0 || ++dots > 3) return text;
      value = value * 256 + octet;
      octet = 0;
      digits = 0;
    } else if (code >= 48 && code <= 57 && !(digits === 1 && octet === 0) && digits < 3) {
      octet = octet * 10 + code - 48;
      digits++;
      if (octet > 255) return text;
    } else {
      return text;
    }
  }
  return dots === 3 && digits > 0 ? (value * 256 + octet) | 0 : text;
}

/**
 * The points of the addresses with two connections or more, grouped by address by a counting sort that
 * keeps each address's points in the attempts' order: those of address `a` are
 * `order[starts[a]..starts[a + 1])`.
 */
function pointsByAddress({ count, addressOf, addresses, connections }: GatheredPoints): { order: Int32Array; starts: Int32Array } {
  const starts = new Int32Array(addresses + 1);
  for (let p = 0; p < count; p++) if (connections[addressOf[p]] >= 2) starts[addressOf[p] + 1]++;
  for (let a = 0; a < addresses; a++) starts[a + 1] += starts[a];
  const order = new Int32Array(starts[addresses]);
  const next = starts.slice(0, addresses);
  for (let p = 0; p < count; p++) if (connections[addressOf[p]] >= 2) order[next[addressOf[p]]++] = p;
  return { order, starts };
}

/**
 * Marks on the connections of one address at a time, by point: each use takes a mark never used before,
 * so that no mark is ever cleared. Sets of attempt ids did this at a cost per address that a flood's
 * hundreds of thousands of small addresses made most of the search.
 */
class ConnectionMarks {
  private readonly marks: Int32Array;
  private last = 0;

  constructor(private readonly connectionOf: Int32Array, connections: number) {
    this.marks = new Int32Array(connections);
  }

  /** A mark that no connection has. */
  fresh(): number {
    if (this.last === 0x7fffffff) {
      this.marks.fill(0);
      this.last = 0;
    }
    return ++this.last;
  }

  has(point: number, mark: number): boolean {
    return this.marks[this.connectionOf[point]] === mark;
  }

  /** Marks the connection of `point`; false when it already had the mark. */
  add(point: number, mark: number): boolean {
    const connection = this.connectionOf[point];
    if (this.marks[connection] === mark) return false;
    this.marks[connection] = mark;
    return true;
  }
}

interface Marks {
  /** For the connections of a list of points, each once. */
  seen: ConnectionMarks;
  /** For the connections a round of the search has put on a line. */
  claimed: ConnectionMarks;
}

/** A line of two connections or more at one rate, and the first point of each of its connections, in the order of its points. */
interface CandidateLine {
  rateHz: number;
  members: number[];
  firsts: number[];
}

/** `points`: the indices of the address's points, two connections or more (one draws no line). */
function clocksOfAddress(address: string, connections: number, columns: TsvalPoints, points: ArrayLike<number>, marks: Marks): AddressClocks {
  const { attemptIds, times } = columns;
  let t0 = Infinity;
  for (let i = 0; i < points.length; i++) t0 = Math.min(t0, times[points[i]]);
  const clocks: TsvalClock[] = [];
  let remaining = points;
  // Greedy, longest line at any rate first, so that hosts of different rates behind one address separate
  // (a 250 Hz host seen at 1000 Hz falls apart into short pieces that its full line outranks). A round
  // claims every line that shares no connection with a longer one; the rest are retried on what is left.
  for (;;) {
    const lines: CandidateLine[] = [];
    // A line through every connection left is claimed before any other (the longest; among equals the
    // first rate's, the sort being stable), and every other line shares a connection with it: the
    // rates after the first that draws one cannot change the round, and are not tried.
    const left = firstPoints(remaining, marks.seen).length;
    for (const rateHz of CANDIDATE_RATES_HZ) {
      let throughAll = false;
      for (const members of linesAtRate(columns, remaining, rateHz, t0)) {
        const firsts = firstPoints(members, marks.seen);
        if (firsts.length >= 2) lines.push({ rateHz, members, firsts });
        if (firsts.length === left) throughAll = true;
      }
      if (throughAll) break;
    }
    lines.sort((a, b) => b.firsts.length - a.firsts.length);
    const claim = marks.claimed.fresh();
    let claimedAny = false;
    for (const line of lines) {
      if (line.firsts.some((p) => marks.claimed.has(p, claim))) continue;
      for (const p of line.firsts) marks.claimed.add(p, claim);
      claimedAny = true;
      clocks.push(clockOf(columns, line.rateHz, line.members, marks.seen));
    }
    if (!claimedAny) break;
    remaining = Array.prototype.filter.call(remaining, (p: number) => !marks.claimed.has(p, claim)) as number[];
  }
  const loneAttemptIds = firstPoints(remaining, marks.seen).map((p) => attemptIds[p]);
  return { address, connections, clocks, loneAttemptIds, pattern: patternOf(connections, clocks.length, loneAttemptIds.length) };
}

/** The first point of each connection of `points`, in their order. */
function firstPoints(points: ArrayLike<number>, seen: ConnectionMarks): number[] {
  const mark = seen.fresh();
  const firsts: number[] = [];
  for (let i = 0; i < points.length; i++) if (seen.add(points[i], mark)) firsts.push(points[i]);
  return firsts;
}

function clockOf({ attemptIds, times, tsvals }: TsvalPoints, rateHz: number, members: readonly number[], seen: ConnectionMarks): TsvalClock {
  const ordered = members.slice().sort((a, b) => times[a] - times[b]);
  return {
    rateHz,
    attemptIds: firstPoints(ordered, seen).map((p) => attemptIds[p]),
    firstTsval: tsvals[ordered[0]],
    firstTime: times[ordered[0]],
    lastTime: times[ordered[ordered.length - 1]],
  };
}

function patternOf(connections: number, lines: number, lone: number): ClockPattern {
  if (connections < 2) return 'too-few';
  if (lone >= 3 && lone >= connections / 2) return 'per-connection';
  if (lines + lone >= 2) return 'several-clocks';
  return 'single-clock';
}

/**
 * Groups the points `points` (indices into the columns) whose `tsval − rate·t` (mod 2^32) lie within the
 * tolerance of a neighbour, and returns the groups of two points or more (a lone point draws no line),
 * each in the order of its intercepts. Only the order of the points is sorted, and a group's points are
 * gathered only when it has two: at rates that do not fit the host nearly every point is a group of its own.
 */
export function linesAtRate({ times, tsvals }: TsvalPoints, points: ArrayLike<number>, rateHz: number, t0: number): number[][] {
  const count = points.length;
  if (count < 2) return [];
  const tolerance = Math.max(MIN_TOLERANCE_TICKS, rateHz * LINE_TOLERANCE_SECONDS);
  if (count > scratch.intercepts.length) scratch = scratchOf(count);
  const intercepts = scratch.intercepts;
  for (let i = 0; i < count; i++) intercepts[i] = modulo32(tsvals[points[i]] - Math.round((times[points[i]] - t0) * rateHz));
  const order = sortedOrder(intercepts, count, PACKED_POINTS, scratch.keys, scratch.order);
  const starts = [0];
  for (let i = 1; i < count; i++) if (intercepts[order[i]] - intercepts[order[i - 1]] > tolerance) starts.push(i);
  // The line that straddles the 2^32 wrap of the intercept is one line: the last group joins the first.
  const wraps = starts.length > 1 && intercepts[order[0]] + TWO_32 - intercepts[order[count - 1]] <= tolerance;
  const groups = wraps ? starts.length - 1 : starts.length;
  const lines: number[][] = [];
  for (let group = 0; group < groups; group++) {
    const from = starts[group];
    const to = group + 1 < starts.length ? starts[group + 1] : count;
    const wrapped = wraps && group === 0 ? count - starts[starts.length - 1] : 0;
    if (to - from + wrapped < 2) continue;
    const members: number[] = [];
    for (let i = from; i < to; i++) members.push(points[order[i]]);
    for (let i = count - wrapped; i < count; i++) members.push(points[order[i]]);
    lines.push(members);
  }
  return lines;
}

/**
 * linesAtRate's intercepts and their order, kept from one call to the next and grown when a call needs
 * more: a flood's hundreds of thousands of addresses made three typed arrays per address and rate. What
 * linesAtRate returns never refers to them.
 */
interface Scratch {
  intercepts: Float64Array;
  keys: Float64Array;
  order: Uint32Array;
}

function scratchOf(points: number): Scratch {
  const length = 2 ** Math.ceil(Math.log2(points));
  return { intercepts: new Float64Array(length), keys: new Float64Array(length), order: new Uint32Array(length) };
}

let scratch = scratchOf(64);

/** Up to this many points, an intercept (below 2^32) and a point's index share one exact double (below 2^53). */
const PACKED_POINTS = 2 ** 21;
/** Up to this many points, an insertion sort beats the native one, which has a cost of its own per call. */
const INSERTION_SORTED = 32;

/**
 * The indices of `intercepts` in ascending order, equal ones in index order as a stable sort leaves them.
 * A typed array of intercept·2^21 + index sorts natively, without a comparator called per comparison.
 */
export function interceptOrder(intercepts: Float64Array, packedPoints = PACKED_POINTS): ArrayLike<number> {
  const count = intercepts.length;
  return sortedOrder(intercepts, count, packedPoints, new Float64Array(count), new Uint32Array(count));
}

/** interceptOrder of the first `count` intercepts, in `order` (or a new array past `packedPoints`), `keys` its working space. */
function sortedOrder(intercepts: Float64Array, count: number, packedPoints: number, keys: Float64Array, order: Uint32Array): ArrayLike<number> {
  if (count > packedPoints) return Array.from({ length: count }, (_, i) => i).sort((a, b) => intercepts[a] - intercepts[b] || a - b);
  for (let i = 0; i < count; i++) keys[i] = intercepts[i] * PACKED_POINTS + i;
  if (count > INSERTION_SORTED) keys.subarray(0, count).sort();
  else insertionSort(keys, count);
  for (let i = 0; i < count; i++) order[i] = keys[i] % PACKED_POINTS;
  return order;
}

/** The first `count` of `keys` in ascending order (the keys are distinct: each holds its index). */
function insertionSort(keys: Float64Array, count: number): void {
  for (let i = 1; i < count; i++) {
    const key = keys[i];
    let j = i - 1;
    while (j >= 0 && keys[j] > key) {
      keys[j + 1] = keys[j];
      j--;
    }
    keys[j + 1] = key;
  }
}

function modulo32(value: number): number {
  return ((value % TWO_32) + TWO_32) % TWO_32;
}

/** A connection on no shared line is assumed to tick at 1000 Hz, as modern Linux does. */
const ASSUMED_RATE_HZ = 1000;

/**
 * Each connection's clock rate by attempt id: its shared line's, else the assumed rate. Ids are the
 * capture's row numbers, so the rates are one byte per id up to the largest on a line (the rate's place
 * among the candidates, 0 for none) rather than a map of every id: 10 MB for ten million.
 */
export function ratesByAttempt(clocks: readonly AddressClocks[]): (attemptId: number) => number {
  let largest = -1;
  for (const address of clocks) for (const clock of address.clocks) for (const id of clock.attemptIds) largest = Math.max(largest, id);
  const rates = new Uint8Array(largest + 1);
  for (const address of clocks) {
    for (const clock of address.clocks) {
      const rate = CANDIDATE_RATES_HZ.indexOf(clock.rateHz) + 1;
      for (const id of clock.attemptIds) rates[id] = rate;
    }
  }
  return (attemptId) => {
    const rate = rates[attemptId] ?? 0;
    return rate === 0 ? ASSUMED_RATE_HZ : CANDIDATE_RATES_HZ[rate - 1];
  };
}
