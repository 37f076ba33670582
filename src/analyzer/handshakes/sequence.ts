/**
 * Arithmetic in TCP's 32-bit sequence space (RFC 793/9293): numbers wrap, so "after" means "less than
 * half the space ahead", never a plain `>`.
 */

const HALF_SPACE = 0x80000000;

/** `isn + 1` modulo 2^32: what the peer acknowledges for a SYN. */
export function nextSequence(isn: number): number {
  return (isn + 1) >>> 0;
}

/** Distance from `from` forward to `to`, modulo 2^32. */
export function sequenceDistance(from: number, to: number): number {
  return (to - from) >>> 0;
}

/** True when `value` lies strictly after `base` and within half the sequence space of it. */
export function isSequenceAfter(value: number, base: number): boolean {
  const distance = sequenceDistance(base, value);
  return distance !== 0 && distance < HALF_SPACE;
}
