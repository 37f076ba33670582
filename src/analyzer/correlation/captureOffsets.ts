/**
 * Each capture's clock against the first capture's, from the links between captures (each estimated as
 * clockOffset.ts does for a pair: the median over SYNs seen in both). Captures that share no attempt with
 * the first (another pod's) are reached through a capture both share attempts with (the node's): their
 * offsets add up, and so do their spreads.
 */
import type { CaptureLink } from './captureLinks.js';

export interface CaptureClock {
  /** This capture's clock minus the first capture's, ms. */
  offsetMs: number;
  /** The spreads of the links the offset was added up from, ms. */
  spreadMs: number;
  /** The fewest SYN pairs any of those links rests on. */
  pairs: number;
}

/** Per capture; null for a capture that no chain of links ties to the first. */
export function captureClocks(count: number, links: readonly CaptureLink[]): Array<CaptureClock | null> {
  const clocks: Array<CaptureClock | null> = new Array(count).fill(null);
  if (count === 0) return clocks;
  clocks[0] = { offsetMs: 0, spreadMs: 0, pairs: Infinity };
  const queue = [0];
  while (queue.length > 0) {
    const at = queue.shift()!;
    const here = clocks[at]!;
    for (const link of links) {
      const [other, signOf] = link.upstream === at ? [link.downstream, 1] : link.downstream === at ? [link.upstream, -1] : [-1, 0];
      if (other < 0 || clocks[other] !== null) continue;
      clocks[other] = { offsetMs: here.offsetMs + signOf * link.offset.medianMs, spreadMs: here.spreadMs + link.offset.spreadMs, pairs: Math.min(here.pairs, link.offset.pairs) };
      queue.push(other);
    }
  }
  return clocks.map((clock, capture) => (clock && capture === 0 ? { ...clock, pairs: 0 } : clock));
}
