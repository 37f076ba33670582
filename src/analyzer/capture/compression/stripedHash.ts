/** What XXH32 and XXH64 share: input taken in stripes of 16 or 32 bytes, the last unfinished one kept for the digest. */
export abstract class StripedHash {
  /** Bytes hashed so far. */
  protected total = 0;
  /** Bytes of an unfinished stripe. */
  protected readonly stripe: Uint8Array;
  protected held = 0;

  constructor(private readonly stripeBytes: number) {
    this.stripe = new Uint8Array(stripeBytes);
  }

  update(bytes: Uint8Array, start = 0, end = bytes.length): void {
    const size = this.stripeBytes;
    this.total += end - start;
    let at = start;
    if (this.held > 0) {
      const take = Math.min(size - this.held, end - at);
      this.stripe.set(bytes.subarray(at, at + take), this.held);
      this.held += take;
      at += take;
      if (this.held < size) return;
      this.consume(this.stripe, 0);
      this.held = 0;
    }
    at = this.consumeStripes(bytes, at, end);
    if (at < end) {
      this.stripe.set(bytes.subarray(at, end));
      this.held = end - at;
    }
  }

  /** Mixes the stripe at `at` into the accumulators. */
  protected abstract consume(bytes: Uint8Array, at: number): void;

  /** Mixes every whole stripe from `at` to `end`; returns where they end. */
  protected consumeStripes(bytes: Uint8Array, at: number, end: number): number {
    const size = this.stripeBytes;
    for (; at + size <= end; at += size) this.consume(bytes, at);
    return at;
  }
}
