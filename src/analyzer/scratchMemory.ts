/**
 * Memory a pass over millions of rows works in and drops when done (a sort's digits and positions),
 * kept for the next pass while passes follow each other (a user sorting and filtering the table) and
 * given back IDLE_MS after the last. A typed array of ten million entries is tens of megabytes outside
 * the heap, and such allocations bring on full collections: at ten million rows each marks the ten
 * million records, some half a second, and a sort that allocated its arrays anew made four or five.
 */

/** How long memory no pass asked for is kept. */
const IDLE_MS = 30_000;

export class ScratchMemory {
  private kept: ArrayBuffer | null = null;
  private release: ReturnType<typeof setTimeout> | null = null;

  /** A buffer of at least `bytes` bytes, with whatever an earlier pass left in it. */
  buffer(bytes: number): ArrayBuffer {
    if (this.kept === null || this.kept.byteLength < bytes) {
      // The old one goes first: both at once would be twice the memory.
      this.kept = null;
      this.kept = new ArrayBuffer(bytes);
    }
    if (this.release !== null) clearTimeout(this.release);
    this.release = setTimeout(() => {
      this.kept = null;
      this.release = null;
    }, IDLE_MS);
    // Not a reason for a command-line run to wait.
    (this.release as { unref?: () => void }).unref?.();
    return this.kept;
  }
}
