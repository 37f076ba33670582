/**
 * Epoch-second doubles carry about a quarter of a microsecond of precision, so a difference of two is
 * rounded to whole microseconds rather than showing digits that mean nothing.
 */
export function elapsedMs(from: number, to: number): number {
  return Math.round((to - from) * 1_000_000) / 1000;
}
