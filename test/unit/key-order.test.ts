/** keyOrder's radix sort gives the order of a comparison sort by key with ties in position order. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { keyOrder, textRanks } from '../../src/analyzer/keyOrder.js';

/** The comparison sort the table's order used before: key, then position. NaN is the largest key here. */
function byComparison(keys: Float64Array, descending: boolean): number[] {
  const sign = descending ? -1 : 1;
  const rank = (key: number) => (Number.isNaN(key) ? Infinity : key);
  return Array.from(keys.keys()).sort((a, b) => {
    const ka = rank(keys[a]);
    const kb = rank(keys[b]);
    if (ka !== kb) return ka < kb ? -sign : sign;
    // Infinity and NaN tie with each other only when both are NaN or both Infinity.
    const na = Number.isNaN(keys[a]);
    const nb = Number.isNaN(keys[b]);
    if (na !== nb) return na ? sign : -sign;
    return a - b;
  });
}

/** A deterministic generator, so that a failure can be run again. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

test('keys of every kind, both directions, as the comparison sort orders them', () => {
  const next = random(7);
  const specials = [0, -0, Infinity, -Infinity, NaN, -1, 1, 2 ** 53, -(2 ** 53), Number.MIN_VALUE, -Number.MIN_VALUE, Number.MAX_VALUE, -Number.MAX_VALUE, 0.1, 1700000000.123456];
  for (const size of [0, 1, 2, 3, 17, 1000, 70_000]) {
    const keys = new Float64Array(size);
    for (let at = 0; at < size; at++) {
      const pick = next();
      // Ties are common (a few distinct values), as are capture times (close floats) and integers.
      keys[at] = pick < 0.2 ? specials[Math.floor(next() * specials.length)] : pick < 0.5 ? Math.floor(next() * 8) : pick < 0.8 ? 1.7e9 + next() * 600 : (next() - 0.5) * 2 ** 40;
    }
    for (const descending of [false, true]) {
      assert.deepEqual(Array.from(keyOrder(keys, descending)), byComparison(keys, descending), `${size} keys, ${descending ? 'descending' : 'ascending'}`);
    }
  }
});

test('whole-number keys (ISNs, ranks, endpoint keys), sorted by their value, both directions, as the comparison sort orders them', () => {
  const next = random(11);
  const kinds: Array<[string, () => number]> = [
    ['32-bit', () => Math.floor(next() * 2 ** 32)],
    ['48-bit', () => Math.floor(next() * 2 ** 48)],
    ['small ranks', () => Math.floor(next() * 300)],
    ['ranks after 2^48', () => 2 ** 48 + Math.floor(next() * 70_000)],
    ['edges', () => [0, -0, 1, 2 ** 16 - 1, 2 ** 16, 2 ** 32 - 1, 2 ** 32, 2 ** 53 - 1, 2 ** 53][Math.floor(next() * 9)]!],
  ];
  for (const [kind, key] of kinds) {
    for (const size of [1, 2, 1000, 70_000]) {
      const keys = Float64Array.from({ length: size }, key);
      for (const descending of [false, true]) {
        assert.deepEqual(Array.from(keyOrder(keys, descending)), byComparison(keys, descending), `${kind}: ${size} keys, ${descending ? 'descending' : 'ascending'}`);
      }
    }
  }
});

test('many keys whose high bits cluster (a flood\'s endpoint keys, ISNs of one range), spread more than once, as the comparison sort orders them', () => {
  const next = random(13);
  const kinds: Array<[string, () => number]> = [
    // 10.x.y.z:port keys: a few values of the highest bits that differ, each shared by tens of thousands.
    ['clustered 48-bit', () => (Math.floor(next() * 6) * 2 ** 40) + Math.floor(next() * 2 ** 24) * 65_536 + 1024 + Math.floor(next() * 16)],
    ['clustered 32-bit', () => (Math.floor(next() * 3) * 2 ** 30) + Math.floor(next() * 2 ** 20)],
    ['floats', () => 1.7e9 + Math.floor(next() * 100_000) / 16],
  ];
  for (const [kind, key] of kinds) {
    const keys = Float64Array.from({ length: 300_000 }, key);
    for (const descending of [false, true]) {
      assert.deepEqual(Array.from(keyOrder(keys, descending)), byComparison(keys, descending), `${kind}, ${descending ? 'descending' : 'ascending'}`);
    }
  }
});

test('keys all equal, or already in order, keep their positions', () => {
  const equal = new Float64Array(5000).fill(42);
  assert.deepEqual(Array.from(keyOrder(equal, false)), Array.from(equal.keys()));
  assert.deepEqual(Array.from(keyOrder(equal, true)), Array.from(equal.keys()));
  const ascending = Float64Array.from({ length: 5000 }, (_, at) => at * 0.001);
  assert.deepEqual(Array.from(keyOrder(ascending, false)), Array.from(ascending.keys()));
  assert.deepEqual(Array.from(keyOrder(ascending, true)), Array.from(ascending.keys()).reverse());
});

/** Ranks as the sort by `<` gives them, equal texts sharing one. */
function ranksByComparison(texts: readonly string[]): number[] {
  const distinct = [...new Set(texts)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const rankOf = new Map(distinct.map((text, rank) => [text, rank] as const));
  return texts.map((text) => rankOf.get(text)!);
}

test('text ranks: addresses, prefixes, long shared beginnings, repeats, and texts beyond ASCII', () => {
  const next = random(11);
  const texts: string[] = ['', 'a', 'a', '10.0.0.1:80', '10.0.0.10:80', '10.0.0.1:8', '[2001:db8::1]:443', '[2001:db8::10]:443'];
  for (let at = 0; at < 5000; at++) {
    const pick = next();
    if (pick < 0.4) texts.push(`10.${Math.floor(next() * 3)}.${Math.floor(next() * 300)}.${Math.floor(next() * 256)}:${Math.floor(next() * 65536)}`);
    else if (pick < 0.6) texts.push(`192.168.100.200:${Math.floor(next() * 20)}${'x'.repeat(Math.floor(next() * 4))}`);
    else if (pick < 0.8) texts.push(texts[Math.floor(next() * texts.length)]);
    else texts.push(Array.from({ length: Math.floor(next() * 20) }, () => String.fromCharCode(1 + Math.floor(next() * 126))).join(''));
  }
  assert.deepEqual(Array.from(textRanks(texts)), ranksByComparison(texts));
  const beyond = [...texts.slice(0, 200), 'café', 'cafe', '端口', '\u0000'];
  assert.deepEqual(Array.from(textRanks(beyond)), ranksByComparison(beyond));
});
