/**
 * The positions of numeric keys in ascending or descending key order, ties in position order: what a
 * comparison sort with `a - b` as its tie-break gives, made by a radix sort of the keys' 64 bits, which
 * is stable, instead of n log n calls of a comparator (1,000,000 keys in tens of milliseconds where the
 * comparator took several hundred). Keys whose differing bits are 32 or fewer (ISNs, ranks) are first
 * spread by their highest 11 of those bits, into ranges of a few thousand that each fit in the
 * processor's cache, where their other bits are sorted least significant first; a range still large is
 * spread again by its next 11 bits. At ten million keys a pass that spreads all of them writes all over
 * memory: least significant digit first, 16 bits at a time, ten million ISNs took two such passes,
 * 0.76–1.07 s in all on 2 cores of an AMD EPYC; spread once, 0.62–0.88 s. Wider keys (endpoint keys,
 * times) are sorted least significant digit first (leastSignificantFirst). */

import { ScratchMemory } from './scratchMemory.js';

const DIGIT_BITS = 11;
const DIGITS = 1 << DIGIT_BITS;
const DIGIT_MASK = DIGITS - 1;
/** Ranges up to this many keys are sorted within the cache, least significant digit first. */
const IN_CACHE = 1 << 14;
/** Ranges up to this many keys are sorted by insertion: counting 2,048 digits would cost more. */
const BY_INSERTION = 48;
const SIGN = 0x80000000;

/** What keyOrder sorts in, kept from one sort to the next. */
const scratch = new ScratchMemory();

/** Whether this machine stores a float's low word first (the words of a Float64Array read as two Uint32s). */
const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;

/** Keys being sorted: each one's position among the keys and its two words, which order as unsigned integers (a narrow key's high word is not read). */
interface Keyed {
  positions: Uint32Array;
  high: Uint32Array;
  low: Uint32Array;
}

/** What a sort works in: keys spread from one Keyed to the other and back, a cache's worth of each for a range sorted there, and digit counts. */
interface Workspace {
  cache: [Keyed, Keyed];
  /** The counts of a range spread at each depth (a 32-bit key is spread at most three times), then those of the range sorted in the cache. */
  counts: Uint32Array;
}

/** Depths of spreading, each with counts of its own: 32 bits at 11 a time. */
const DEPTHS = 3;

/**
 * `keys` (NaN sorted as the largest, -0 as 0) in the wanted order: position p of the result is the index
 * into `keys` of the p-th key. Written into `into` (as long as `keys`) when given: the caller's memory.
 */
export function keyOrder(keys: Float64Array, descending: boolean, into?: Uint32Array): Uint32Array {
  const n = keys.length;
  const order = into ?? new Uint32Array(n);
  if (n === 0) return order;
  // Six arrays of n words: the positions and the keys' two words, twice (spread from one to the other),
  // then the same for a range sorted in the cache.
  const scratchBuffer = scratch.buffer((6 * n + 6 * IN_CACHE) * 4);
  const keyed = (part: number, length: number, from: number): Keyed => ({
    positions: new Uint32Array(scratchBuffer, (from + 3 * part * length) * 4, length),
    high: new Uint32Array(scratchBuffer, (from + (3 * part + 1) * length) * 4, length),
    low: new Uint32Array(scratchBuffer, (from + (3 * part + 2) * length) * 4, length),
  });
  const source = keyed(0, n, 0);
  const target = keyed(1, n, 0);
  const work: Workspace = { cache: [keyed(0, IN_CACHE, 6 * n), keyed(1, IN_CACHE, 6 * n)], counts: new Uint32Array((DEPTHS + 1) * DIGITS) };
  const { positions, high, low } = source;
  const flip = descending ? 0xffffffff : 0;
  if (!wholeNumberWords(keys, flip, high, low)) floatWordsOf(keys, flip, high, low);
  // The bits that differ among the keys: those above the highest of them order nothing.
  let highBits = 0;
  let lowBits = 0;
  const firstHigh = high[0];
  const firstLow = low[0];
  for (let at = 0; at < n; at++) {
    positions[at] = at;
    highBits |= high[at] ^ firstHigh;
    lowBits |= low[at] ^ firstLow;
  }
  const bits = highBits !== 0 ? 64 - Math.clz32(highBits) : 32 - Math.clz32(lowBits);
  if (bits > 32) leastSignificantFirst(source, target, order, n);
  else sortRange(source, target, work, 0, order, 0, n, bits);
  return order;
}

/** Wider digits for keys of more than 32 bits. */
const WIDE_BITS = 16;
const WIDE_DIGITS = 1 << WIDE_BITS;
const WIDE_MASK = WIDE_DIGITS - 1;
/** Their counts, kept: 1 MB, allocated once. */
let wideCounts: Uint32Array | null = null;

/**
 * Keys of more than 32 bits (endpoint keys, times), 16 bits at a time from the least significant, each
 * pass stable, none for a digit every key shares, a word no later pass reads not moved along. Spread by
 * their highest bits first, a flood's client endpoint keys (most of their 48 bits differing) took 1.5 s
 * at ten million against 0.55 s so: each range's in-cache passes moved three words a key.
 */
function leastSignificantFirst(source: Keyed, target: Keyed, order: Uint32Array, n: number): void {
  const counts = (wideCounts ??= new Uint32Array(4 * WIDE_DIGITS)).fill(0);
  let { low, high } = source;
  for (let at = 0; at < n; at++) {
    const lo = low[at];
    const hi = high[at];
    counts[lo & WIDE_MASK]++;
    counts[WIDE_DIGITS + (lo >>> WIDE_BITS)]++;
    counts[2 * WIDE_DIGITS + (hi & WIDE_MASK)]++;
    counts[3 * WIDE_DIGITS + (hi >>> WIDE_BITS)]++;
  }
  const passes = [0, 1, 2, 3].filter((digit) => counts[digit * WIDE_DIGITS + (((digit < 2 ? low : high)[0]! >>> ((digit & 1) * WIDE_BITS)) & WIDE_MASK)] !== n);
  let from = source.positions;
  let spare = target.positions;
  let nextLow = target.low;
  let nextHigh = target.high;
  passes.forEach((digit, pass) => {
    const column = digit < 2 ? low : high;
    const shift = (digit & 1) * WIDE_BITS;
    const base = digit * WIDE_DIGITS;
    const moveLow = passes.some((later) => later > digit && later < 2);
    const moveHigh = passes.some((later) => later > digit && later >= 2);
    for (let value = 0, start = 0; value < WIDE_DIGITS; value++) {
      const count = counts[base + value];
      counts[base + value] = start;
      start += count;
    }
    // The last pass writes the result where the caller wants it.
    const to = pass === passes.length - 1 ? order : spare;
    for (let at = 0; at < n; at++) {
      const place = counts[base + ((column[at] >>> shift) & WIDE_MASK)]++;
      to[place] = from[at];
      if (moveLow) nextLow[place] = low[at];
      if (moveHigh) nextHigh[place] = high[at];
    }
    [from, spare] = [to, from];
    if (moveLow) [low, nextLow] = [nextLow, low];
    if (moveHigh) [high, nextHigh] = [nextHigh, high];
  });
}

/**
 * Sorts keys `start` … `end` - 1 of `from`, of 32 bits or fewer (their high words are the same and not
 * read) that share every bit from `bits` up, writing their positions in order to the same places of
 * `order`; `to` (and the cache's arrays) are worked in.
 */
function sortRange(from: Keyed, to: Keyed, work: Workspace, depth: number, order: Uint32Array, start: number, end: number, bits: number): void {
  const length = end - start;
  if (bits <= 0 || length === 1) {
    order.set(from.positions.subarray(start, end), start);
    return;
  }
  if (length <= BY_INSERTION) {
    byInsertion(from, order, start, end);
    return;
  }
  if (length <= IN_CACHE) {
    inCache(from, work, order, start, end, bits);
    return;
  }
  const shift = Math.max(0, bits - DIGIT_BITS);
  const counts = work.counts.subarray(depth * DIGITS, (depth + 1) * DIGITS);
  // Every key of the range with the same digit: sorted by the bits below it, where it is.
  if (!spread(from, to, counts, start, end, shift)) {
    sortRange(from, to, work, depth, order, start, end, shift);
    return;
  }
  // counts[d] is now where the keys of digit d end.
  for (let value = 0, first = start; value < DIGITS; value++) {
    const last = counts[value];
    if (last > first) sortRange(to, from, work, depth + 1, order, first, last, shift);
    first = last;
  }
}

/** A range that fits in the cache: its keys' digits below `bits`, least significant first, each pass stable. */
function inCache(from: Keyed, work: Workspace, order: Uint32Array, start: number, end: number, bits: number): void {
  const length = end - start;
  let [source, target] = work.cache;
  source.positions.set(from.positions.subarray(start, end));
  source.low.set(from.low.subarray(start, end));
  const counts = work.counts.subarray(DEPTHS * DIGITS);
  for (let shift = 0; shift < bits; shift += DIGIT_BITS) {
    if (spread(source, target, counts, 0, length, shift)) [source, target] = [target, source];
  }
  order.set(source.positions.subarray(0, length), start);
}

/**
 * Keys `start` … `end` - 1 of `source` placed in the same places of `target` by their digit at `shift`,
 * stably; `counts[d]` is then where the keys of digit d end. False, nothing placed, when every key has
 * the same digit there.
 */
function spread(source: Keyed, target: Keyed, counts: Uint32Array, start: number, end: number, shift: number): boolean {
  counts.fill(0);
  const { positions, low } = source;
  for (let at = start; at < end; at++) counts[(low[at] >>> shift) & DIGIT_MASK]++;
  if (counts[(low[start] >>> shift) & DIGIT_MASK] === end - start) return false;
  for (let value = 0, place = start; value < DIGITS; value++) {
    const count = counts[value];
    counts[value] = place;
    place += count;
  }
  const toPositions = target.positions;
  const toLow = target.low;
  for (let at = start; at < end; at++) {
    const place = counts[(low[at] >>> shift) & DIGIT_MASK]++;
    toPositions[place] = positions[at];
    toLow[place] = low[at];
  }
  return true;
}

/** A few keys: each moved back past the larger ones before it, which keeps equal keys in their order. */
function byInsertion(from: Keyed, order: Uint32Array, start: number, end: number): void {
  const { positions, low } = from;
  for (let at = start; at < end; at++) {
    const position = positions[at];
    const key = low[at];
    let place = at;
    while (place > start && low[place - 1] > key) {
      positions[place] = positions[place - 1];
      low[place] = low[place - 1];
      place--;
    }
    positions[place] = position;
    low[place] = key;
  }
  order.set(positions.subarray(start, end), start);
}

const WORD = 2 ** 32;

/**
 * When every key is a whole number from 0 to 2^53 (ISNs, ranks, endpoint keys), whose value's words order
 * as it does, those words (flipped with `flip`) into `high` and `low`, and true; false at the first key
 * that is not (then the words written are to be written again). One pass for both: at ten million keys
 * each pass is tens of milliseconds.
 */
function wholeNumberWords(keys: Float64Array, flip: number, high: Uint32Array, low: Uint32Array): boolean {
  for (let at = 0; at < keys.length; at++) {
    const key = keys[at];
    if (!(key >= 0 && key <= Number.MAX_SAFE_INTEGER && Math.floor(key) === key)) return false;
    // An ISN's high word is 0, as are the high bits of a rank.
    high[at] = key < WORD ? flip : (Math.floor(key / WORD) ^ flip) >>> 0;
    low[at] = ((key >>> 0) ^ flip) >>> 0;
  }
  return true;
}

/** The keys' float bits, made to order as unsigned integers, as high and low words (flipped with `flip`). */
function floatWordsOf(keys: Float64Array, flip: number, high: Uint32Array, low: Uint32Array): void {
  const float = new Float64Array(1);
  const floatWords = new Uint32Array(float.buffer);
  const lowWord = LITTLE_ENDIAN ? 0 : 1;
  const highWord = 1 - lowWord;
  for (let at = 0; at < keys.length; at++) {
    const key = keys[at];
    // -0 + 0 is 0; every NaN becomes the one after Infinity.
    float[0] = key === key ? key + 0 : NaN;
    let hi = floatWords[highWord];
    let lo = floatWords[lowWord];
    // A float's bits order like unsigned integers once the sign bit is set on positives and every bit is flipped on negatives.
    if (hi & SIGN) {
      hi = ~hi;
      lo = ~lo;
    } else {
      hi |= SIGN;
    }
    high[at] = (hi ^ flip) >>> 0;
    low[at] = (lo ^ flip) >>> 0;
  }
}

/** Characters of a text packed into one key: 7 of 7 bits fit a float's 53 exactly. */
const CHARS_PER_KEY = 7;
const CHAR_BITS = 7;
const CHAR_LIMIT = 1 << CHAR_BITS;

/** Characters `from` … `from + 6` of `text` as one number that orders as they do; 0 past its end, which sorts first. */
function prefixKey(text: string, from: number): number {
  let key = 0;
  for (let at = from; at < from + CHARS_PER_KEY; at++) key = key * CHAR_LIMIT + (at < text.length ? text.charCodeAt(at) : 0);
  return key;
}

/**
 * The ranks of `texts` in the code-unit order `<` gives, equal texts sharing one: rank 0 for the first.
 * Texts of characters below 128 (addresses, ports, codes) are ordered by their first 14 characters as two
 * radix-sorted numbers, and only the texts that share those are compared whole; others by comparison.
 */
export function textRanks(texts: readonly string[]): Float64Array {
  const n = texts.length;
  // Code-unit order, as `<` compares texts.
  const byText = (a: number, b: number) => (texts[a] < texts[b] ? -1 : texts[a] > texts[b] ? 1 : 0);
  let order: Uint32Array;
  if (texts.every((text) => /^[\x01-\x7f]*$/.test(text))) {
    const second = Float64Array.from(texts, (text) => prefixKey(text, CHARS_PER_KEY));
    const first = Float64Array.from(texts, (text) => prefixKey(text, 0));
    // By the second key, then stably by the first: by both.
    const bySecond = keyOrder(second, false);
    const firstInThatOrder = Float64Array.from(bySecond, (index) => first[index]);
    order = keyOrder(firstInThatOrder, false).map((position) => bySecond[position]);
    // Texts sharing both keys (the same first 14 characters) are ordered whole among themselves.
    for (let start = 0; start < n;) {
      let end = start + 1;
      while (end < n && first[order[end]] === first[order[start]] && second[order[end]] === second[order[start]]) end++;
      if (end - start > 1) order.subarray(start, end).sort(byText);
      start = end;
    }
  } else {
    order = Uint32Array.from(texts.keys()).sort(byText);
  }
  const ranks = new Float64Array(n);
  for (let position = 0, rank = 0; position < n; position++) {
    if (position > 0 && texts[order[position]] !== texts[order[position - 1]]) rank++;
    ranks[order[position]] = rank;
  }
  return ranks;
}
