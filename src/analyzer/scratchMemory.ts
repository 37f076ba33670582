/**
 * Memory a pass over millions of rows works in and drops when done (a sort's digits and positions), kept
 * for the next pass as long as no full garbage collection took it. A typed array of ten million entries
 * is tens of megabytes outside the heap, and each such allocation counts towards the next full
 * collection: at ten million rows a sort of the table made four or five, a third of a second each (the
 * heap then holds ten million records to mark). Held by a weak reference, the memory goes with the
 * first full collection after its last use, so it costs nothing once the large results are gone.
 */
export class ScratchMemory {
  private kept: WeakRef<ArrayBuffer> | undefined;

  /** A buffer of at least `bytes` bytes, with whatever an earlier pass left in it. */
  buffer(bytes: number): ArrayBuffer {
    let buffer = this.kept?.deref();
    if (buffer === undefined || buffer.byteLength < bytes) {
      buffer = new ArrayBuffer(bytes);
      this.kept = new WeakRef(buffer);
    }
    return buffer;
  }
}
