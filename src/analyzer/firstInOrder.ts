/**
 * The first `limit` items of `items` in `compare`'s order (negative: the first argument comes first), by
 * one pass that keeps only them: what a sort then a slice gives, without sorting what is left out. A
 * flood's breakdown and TSval chart rank millions of addresses to show thirty of them.
 */
export function firstInOrder<T>(items: Iterable<T>, limit: number, compare: (a: T, b: T) => number): T[] {
  const kept: T[] = [];
  if (limit <= 0) return kept;
  for (const item of items) {
    if (kept.length === limit && compare(item, kept[limit - 1]) >= 0) continue;
    let at = kept.length === limit ? limit - 1 : kept.length;
    while (at > 0 && compare(item, kept[at - 1]) < 0) at--;
    kept.splice(at, 0, item);
    if (kept.length > limit) kept.pop();
  }
  return kept;
}

/**
 * The worst first, as the summary and the editor's breakdown both list servers and clients: most
 * failed, then most attempts, then by text in code-unit order (not the locale's, which would order
 * ties differently from one machine to another).
 */
export function worstFirst<T extends { failed: number; attempts: number }>(textOf: (row: T) => string): (a: T, b: T) => number {
  return (a, b) => {
    if (a.failed !== b.failed) return b.failed - a.failed;
    if (a.attempts !== b.attempts) return b.attempts - a.attempts;
    const x = textOf(a);
    const y = textOf(b);
    return x < y ? -1 : x > y ? 1 : 0;
  };
}
