/**
 * The offset between the two captures' clocks, from SYN transmissions seen in both: the median is robust
 * to the odd delayed packet, and the spread tells how tightly the window around it can be drawn.
 */

export interface ClockOffset {
  /** Server capture time minus client capture time, median over matched SYN pairs, ms. */
  medianMs: number;
  /** Median absolute deviation from the median, ms. */
  spreadMs: number;
  minMs: number;
  maxMs: number;
  /** Matched SYN pairs the estimate rests on. */
  pairs: number;
}

export function median(sorted: readonly number[]): number {
  const middle = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

export function estimateOffset(offsetsMs: readonly number[]): ClockOffset | null {
  if (offsetsMs.length === 0) return null;
  const sorted = offsetsMs.slice().sort((a, b) => a - b);
  const medianMs = median(sorted);
  const deviations = sorted.map((value) => Math.abs(value - medianMs)).sort((a, b) => a - b);
  return { medianMs, spreadMs: median(deviations), minMs: sorted[0], maxMs: sorted[sorted.length - 1], pairs: sorted.length };
}

/** How far from the median offset a match may lie: delay variation, never less than two seconds. */
export function matchWindowMs(offset: ClockOffset): number {
  return Math.max(2000, 10 * offset.spreadMs);
}
