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
