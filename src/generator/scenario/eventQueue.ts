/**
 * The discrete-event queue of the simulation: a binary heap ordered by time (integer microseconds) and,
 * for equal times, by insertion order, so that runs are deterministic.
 */
interface QueuedEvent {
  timeUs: number;
  order: number;
  run: () => void;
}

export class EventQueue {
  private readonly heap: QueuedEvent[] = [];
  private inserted = 0;
  /** The time of the event being run. */
  nowUs = 0;

  schedule(timeUs: number, run: () => void): void {
    this.heap.push({ timeUs: Math.round(timeUs), order: this.inserted++, run });
    this.siftUp(this.heap.length - 1);
  }

  /** Runs events in time order until none is left (events may schedule more). */
  runAll(): void {
    while (this.heap.length > 0) {
      const event = this.pop();
      this.nowUs = event.timeUs;
      event.run();
    }
  }

  private before(a: QueuedEvent, b: QueuedEvent): boolean {
    return a.timeUs < b.timeUs || (a.timeUs === b.timeUs && a.order < b.order);
  }

  private pop(): QueuedEvent {
    const top = this.heap[0];
    const last = this.heap.pop()!;
    if (this.heap.length > 0) {
      this.heap[0] = last;
      this.siftDown(0);
    }
    return top;
  }

  private siftUp(at: number): void {
    const heap = this.heap;
    while (at > 0) {
      const parent = (at - 1) >> 1;
      if (!this.before(heap[at], heap[parent])) return;
      [heap[at], heap[parent]] = [heap[parent], heap[at]];
      at = parent;
    }
  }

  private siftDown(at: number): void {
    const heap = this.heap;
    for (;;) {
      const left = 2 * at + 1;
      const right = left + 1;
      let smallest = at;
      if (left < heap.length && this.before(heap[left], heap[smallest])) smallest = left;
      if (right < heap.length && this.before(heap[right], heap[smallest])) smallest = right;
      if (smallest === at) return;
      [heap[at], heap[smallest]] = [heap[smallest], heap[at]];
      at = smallest;
    }
  }
}
