/**
 * How likely chance alone gives at least `hits` of `trials` when each hits with probability `p`: the
 * binomial upper tail, from log-factorials (fisherExact.ts) so that no dependency is needed. Used where a
 * sign matches by chance at a known rate (a SYN-cookie TSval encoding: 1 in 32).
 */
import { logFactorial } from './fisherExact.js';

export function binomialUpperTail(trials: number, hits: number, p: number): number {
  if (!Number.isInteger(trials) || !Number.isInteger(hits) || trials < 0 || hits < 0 || p < 0 || p > 1) {
    throw new RangeError(`binomial tail of ${hits} in ${trials} at ${p}`);
  }
  if (hits === 0) return 1;
  if (hits > trials || p === 0) return 0;
  if (p === 1) return 1;
  const logP = Math.log(p);
  const logQ = Math.log1p(-p);
  let tail = 0;
  // Above the mean the terms fall; summing from `hits` up stops once the rest cannot change a double.
  for (let x = hits; x <= trials; x++) {
    const term = Math.exp(logFactorial(trials) - logFactorial(x) - logFactorial(trials - x) + x * logP + (trials - x) * logQ);
    tail += term;
    if (term < tail * 1e-17 && x > trials * p) break;
  }
  return Math.min(1, tail);
}
