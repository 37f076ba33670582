/**
 * The memory of the table's kept orders (handshakeQuery.ts): an order no longer kept gives its buffer to
 * the next one computed. At ten million rows an order is 40 MB outside the heap, and every 64 MB or so
 * of new such memory starts a marking of the whole heap, the ten million records among it, whose steps
 * took 0.1–0.5 s of the query it landed in. Reused, a user going back and forth between sorts and
 * filters allocates no order after the first few.
 */

/** Buffers of dropped orders kept for the next ones: one is enough for a query that evicts one to make one. */
const FREE_KEPT = 2;
/** How long a buffer no order took is kept. */
const IDLE_MS = 30_000;

export class OrderMemory {
  private free: ArrayBuffer[] = [];
  private release: ReturnType<typeof setTimeout> | null = null;

  /** Words for an order of `length` rows, in a dropped order's buffer when one is large enough; their values are whatever it held. */
  take(length: number): Uint32Array {
    let best = -1;
    for (let at = 0; at < this.free.length; at++) {
      const bytes = this.free[at]!.byteLength;
      if (bytes >= length * 4 && (best < 0 || bytes < this.free[best]!.byteLength)) best = at;
    }
    if (best < 0) return new Uint32Array(length);
    const [buffer] = this.free.splice(best, 1);
    return new Uint32Array(buffer!, 0, length);
  }

  /** An order no longer kept, nor read: its buffer is the next order's. */
  give(order: Uint32Array): void {
    this.free.push(order.buffer as ArrayBuffer);
    // The largest are kept: a smaller order fits in them, not the other way.
    if (this.free.length > FREE_KEPT) this.free = this.free.sort((a, b) => b.byteLength - a.byteLength).slice(0, FREE_KEPT);
    if (this.release !== null) clearTimeout(this.release);
    this.release = setTimeout(() => {
      this.free = [];
      this.release = null;
    }, IDLE_MS);
    // Not a reason for a command-line run to wait.
    (this.release as { unref?: () => void }).unref?.();
  }
}
