/**
 * Arithmetic in TCP's 32-bit sequence space (RFC 793/9293): numbers wrap, so "after" means "less than
 * half the space ahead", never a plain `>`.
 */

export const HALF_SPACE = 0x80000000;

/** Distance from `from` forward to `to`, modulo 2^32. */
export function sequenceDistance(from: number, to: number): number {
  return (to - from) >>> 0;
}

/** True when `value` lies strictly after `base` and within half the sequence space of it. */
export function isSequenceAfter(value: number, base: number): boolean {
  const distance = sequenceDistance(base, value);
  return distance !== 0 && distance < HALF_SPACE;
}

/**
 * The largest window a receiver can offer, 65,535 << 14 (RFC 7323 §2.3; Linux's TCP_MAX_WSCALE is 14):
 * a sender never sends past the window, so a segment further than this ahead of the highest sequence
 * number seen is not of that connection (or the capture lost over 1 GiB of it).
 */
export const MAX_WINDOW = 65_535 * 2 ** 14;

/** What sequenceGap() returns for a number outside a side's sequence space. */
export const NOT_IN_SPACE = -1;

/**
 * How far `value` lies past the part of one side's sequence space already used, which runs from just
 * after its ISN to `edge`, the highest sequence number seen from it: 0 within that part, the distance
 * past the edge when at most MAX_WINDOW ahead, NOT_IN_SPACE otherwise. The edge moves with the
 * connection (serial-number arithmetic, RFC 1982), so a side that has sent more than 2 GiB stays
 * matched: once it has used half the space (`pastHalf`), the ISN says nothing any more and only the
 * edge counts; before, a number at or before the ISN is not in the space.
 */
export function sequenceGap(value: number, isn: number, edge: number, pastHalf: boolean): number {
  if (pastHalf) {
    const ahead = (value - edge) | 0;
    if (ahead <= 0) return 0;
    return ahead <= MAX_WINDOW ? ahead : NOT_IN_SPACE;
  }
  const offset = sequenceDistance(isn, value);
  if (offset === 0) return NOT_IN_SPACE;
  const used = sequenceDistance(isn, edge);
  if (offset <= used) return 0;
  return offset - used <= MAX_WINDOW ? offset - used : NOT_IN_SPACE;
}
