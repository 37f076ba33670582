/**
 * A map from attempt id to one of few distinct values (a finding, an explanation), held as the index of
 * its value per id in a typed array. Ids are a capture's row numbers, 1 to the number of rows, and a
 * flood's ten million attempts share a handful of findings and explanations: as a Map they cost some 30
 * bytes an entry (about 300 MB each at ten million), here 4 bytes and one copy of each distinct value.
 * Distinct values are told apart by identity (strings by their text).
 */

/** No value for this id. */
const ABSENT = -1;
/** Ids beyond this go to a Map: an id is a row number, but nothing here trusts that to size an array. */
const DENSE_IDS = 1 << 26;

export class ValuesById<V> implements ReadonlyMap<number, V> {
  private slots = new Int32Array(0);
  private readonly distinct: V[] = [];
  private readonly indexOf = new Map<V, number>();
  private readonly sparse = new Map<number, V>();
  private count = 0;
  private lastValue: V | undefined;
  private lastIndex = ABSENT;

  set(id: number, value: V): this {
    if (!Number.isInteger(id) || id < 0 || id >= DENSE_IDS) {
      if (!this.sparse.has(id)) this.count++;
      this.sparse.set(id, value);
      return this;
    }
    if (id >= this.slots.length) this.grow(id + 1);
    // Runs of one value (a flood's attempts in a row) skip the look-up.
    let index = value === this.lastValue ? this.lastIndex : this.indexOf.get(value);
    if (index === undefined) {
      index = this.distinct.push(value) - 1;
      this.indexOf.set(value, index);
    }
    this.lastValue = value;
    this.lastIndex = index;
    if (this.slots[id] === ABSENT) this.count++;
    this.slots[id] = index;
    return this;
  }

  get(id: number): V | undefined {
    if (Number.isInteger(id) && id >= 0 && id < this.slots.length) {
      const index = this.slots[id];
      return index === ABSENT ? undefined : this.distinct[index];
    }
    return this.sparse.get(id);
  }

  has(id: number): boolean {
    if (Number.isInteger(id) && id >= 0 && id < this.slots.length) return this.slots[id] !== ABSENT;
    return this.sparse.has(id);
  }

  get size(): number {
    return this.count;
  }

  *entries(): MapIterator<[number, V]> {
    for (let id = 0; id < this.slots.length; id++) {
      const index = this.slots[id];
      if (index !== ABSENT) yield [id, this.distinct[index]];
    }
    yield* this.sparse;
  }

  *keys(): MapIterator<number> {
    for (const [id] of this.entries()) yield id;
  }

  *values(): MapIterator<V> {
    for (const [, value] of this.entries()) yield value;
  }

  [Symbol.iterator](): MapIterator<[number, V]> {
    return this.entries();
  }

  forEach(callback: (value: V, id: number, map: ReadonlyMap<number, V>) => void): void {
    for (const [id, value] of this.entries()) callback(value, id, this);
  }

  /** Doubles the slots past `needed`: an id per attempt in order never copies more than twice over. */
  private grow(needed: number): void {
    const slots = new Int32Array(Math.min(DENSE_IDS, Math.max(needed, this.slots.length * 2, 1024))).fill(ABSENT);
    slots.set(this.slots);
    this.slots = slots;
  }
}
