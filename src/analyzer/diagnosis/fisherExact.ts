/**
 * One-sided Fisher's exact test on a 2×2 table, computed from log-factorials so that no dependency and
 * no approximation of the distribution is needed: the probability, with the table's margins fixed, of
 * a top-left cell at least as large as the one observed (the hypergeometric upper tail).
 *
 *                 unanswered  answered
 *   predicted drop     a          b
 *   predicted accept   c          d
 */

export interface TwoByTwo {
  a: number;
  b: number;
  c: number;
  d: number;
}

/** ln(n!) summed exactly up to this n and cached; beyond it, Stirling's series (error below 1e-16). */
const EXACT_UP_TO = 256;
const EXACT = (() => {
  const table = new Float64Array(EXACT_UP_TO + 1);
  for (let n = 2; n <= EXACT_UP_TO; n++) table[n] = table[n - 1] + Math.log(n);
  return table;
})();

export function logFactorial(n: number): number {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`logFactorial of ${n}`);
  if (n <= EXACT_UP_TO) return EXACT[n];
  // ln n! = n ln n − n + ½ ln(2πn) + 1/(12n) − 1/(360n³) + 1/(1260n⁵)
  const n2 = n * n;
  return n * Math.log(n) - n + 0.5 * Math.log(2 * Math.PI * n) + 1 / (12 * n) - 1 / (360 * n * n2) + 1 / (1260 * n * n2 * n2);
}

function logChoose(n: number, k: number): number {
  return logFactorial(n) - logFactorial(k) - logFactorial(n - k);
}

/**
 * P(X ≥ a) for X hypergeometric with the table's margins: how likely a top-left cell this large is if
 * being unanswered had nothing to do with the row. 1 for a table with an empty row or column.
 */
export function fisherOneSidedGreater(table: TwoByTwo): number {
  const { a, b, c, d } = table;
  for (const cell of [a, b, c, d]) {
    if (!Number.isInteger(cell) || cell < 0) throw new RangeError(`2×2 cell ${cell}`);
  }
  const rowDrop = a + b;
  const colUnanswered = a + c;
  const total = a + b + c + d;
  const rowAccept = c + d;
  if (rowDrop === 0 || rowAccept === 0 || colUnanswered === 0 || colUnanswered === total) return 1;
  const highest = Math.min(rowDrop, colUnanswered);
  const logDenominator = logChoose(total, rowDrop);
  let p = 0;
  // The terms fall away from the mode; a is at or above it whenever the test matters, so this sums
  // from the largest term down and stops once the rest cannot change a double.
  for (let x = a; x <= highest; x++) {
    const term = Math.exp(logChoose(colUnanswered, x) + logChoose(total - colUnanswered, rowDrop - x) - logDenominator);
    p += term;
    if (term < p * 1e-17 && x > a) break;
  }
  return Math.min(1, p);
}
