/**
 * A small seeded PRNG (mulberry32) so that every scenario, and so every committed sample capture, comes
 * out byte for byte the same on every machine and Node version. Math.random is never used.
 */
export class SeededRandom {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** Uniform in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** Uniform unsigned 32-bit integer: ISNs, TSval offsets. */
  uint32(): number {
    return Math.floor(this.next() * 4294967296) >>> 0;
  }

  /** Uniform integer in [min, max]. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(probability: number): boolean {
    return probability > 0 && this.next() < probability;
  }

  /** Exponentially distributed, for Poisson arrivals of connection attempts. */
  exponential(mean: number): number {
    return -mean * Math.log(1 - this.next());
  }

  /** An independent stream, so adding draws in one part of the simulation does not shift another. */
  fork(label: number): SeededRandom {
    return new SeededRandom((this.uint32() ^ Math.imul(label + 1, 0x9e3779b1)) >>> 0);
  }
}
