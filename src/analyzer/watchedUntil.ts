/**
 * The capture time until which a capture still being written was watched: its latest record, or, while
 * it is quiet, that record's time plus the wall-clock time since it came. An unanswered SYN is then
 * given up on time (handshakes/decided.ts) although no packet comes to say the time went on.
 */
export class WatchedUntil {
  private records = -1;
  private lastRecordAt = Date.now();
  private until = -Infinity;

  /** After a step of the scan; `waiting` when it found no more bytes. Returns the capture time watched until. */
  after(scan: { readonly recordCount: number; readonly latestTime: number }, waiting: boolean, now = Date.now()): number {
    if (scan.recordCount !== this.records) {
      this.records = scan.recordCount;
      this.lastRecordAt = now;
    }
    if (waiting) this.until = Math.max(this.until, scan.latestTime + (now - this.lastRecordAt) / 1000);
    return this.until;
  }

  get value(): number {
    return this.until;
  }
}
