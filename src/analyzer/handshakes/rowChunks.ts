/**
 * Rows of numbers kept in typed arrays rather than one object each: the tracker holds one row per
 * connection attempt, and a capture can hold ten million of them. Each row has a fixed number of 64-bit
 * floats and of 32-bit integers, laid out row after row within a chunk (a row's numbers share a cache
 * line or two). Chunks are added as rows are, and never move or grow: adding rows copies nothing however
 * many there are (only the short list of chunks grows, by doubling), and a typed array taken for a row
 * stays that row's while others are added.
 */

/** Rows per chunk: small enough that a capture of ten attempts costs little, large enough that 10,000,000 rows are 2,442 chunks. */
export const CHUNK_BITS = 12;
export const ROW_IN_CHUNK = (1 << CHUNK_BITS) - 1;
const CHUNK_ROWS = 1 << CHUNK_BITS;

export class RowChunks {
  readonly floats: Float64Array[] = [];
  readonly ints: Int32Array[] = [];

  constructor(
    /** 64-bit floats per row. */
    readonly floatsPerRow: number,
    /** 32-bit integers per row. */
    readonly intsPerRow: number,
  ) {}

  /** Makes room for row `row`. */
  reserve(row: number): void {
    while (row >>> CHUNK_BITS >= this.floats.length) {
      this.floats.push(new Float64Array(CHUNK_ROWS * this.floatsPerRow));
      this.ints.push(new Int32Array(CHUNK_ROWS * this.intsPerRow));
    }
  }
}

/** Row numbers handed out from 0 up, and handed out again once released (the last released first). */
export class RowNumbers {
  private next = 0;
  private readonly released: number[] = [];

  /** One past the highest row ever handed out: rows below it are in use or released. */
  get handedOut(): number {
    return this.next;
  }

  take(): number {
    return this.released.length > 0 ? this.released.pop()! : this.next++;
  }

  release(row: number): void {
    this.released.push(row);
  }
}

/** A typed array of `length` holding `array`'s items first: what a growing column becomes when full. */
export function grown<T extends Int32Array | Uint32Array | Uint8Array | Float64Array>(array: T, length: number): T {
  const larger = new (array.constructor as new (length: number) => T)(length);
  larger.set(array);
  return larger;
}

/** A growing list of 32-bit integers: 4 bytes each, where an array of numbers takes 8. */
export class IntList {
  private items = new Int32Array(16);
  length = 0;

  push(value: number): void {
    if (this.length === this.items.length) this.items = grown(this.items, this.items.length * 2);
    this.items[this.length++] = value;
  }

  at(index: number): number {
    return this.items[index];
  }

  set(index: number, value: number): void {
    this.items[index] = value;
  }

  /** The items, sharing the list's memory. */
  view(): Int32Array {
    return this.items.subarray(0, this.length);
  }
}
