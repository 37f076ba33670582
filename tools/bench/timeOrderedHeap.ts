/**
 * A binary min-heap of connections by the time of their next packet, so that the packets of
 * concurrent connections come out interleaved in time order, as a capture records them. Ties go to
 * the lower id, which keeps the output deterministic.
 */
export interface Timed {
  readonly id: number;
  nextTime: number;
}

function before(x: Timed, y: Timed): boolean {
  return x.nextTime < y.nextTime || (x.nextTime === y.nextTime && x.id < y.id);
}

export class TimeOrderedHeap<Item extends Timed> {
  private readonly items: Item[] = [];

  get size(): number {
    return this.items.length;
  }

  peek(): Item | undefined {
    return this.items[0];
  }

  push(item: Item): void {
    const items = this.items;
    items.push(item);
    let at = items.length - 1;
    while (at > 0) {
      const parent = (at - 1) >> 1;
      if (!before(items[at], items[parent])) break;
      [items[at], items[parent]] = [items[parent], items[at]];
      at = parent;
    }
  }

  /** Restores the order after the top item's `nextTime` grew. */
  topChanged(): void {
    this.siftDown(0);
  }

  pop(): Item | undefined {
    const items = this.items;
    const top = items[0];
    const last = items.pop();
    if (items.length > 0 && last !== undefined) {
      items[0] = last;
      this.siftDown(0);
    }
    return top;
  }

  private siftDown(at: number): void {
    const items = this.items;
    for (;;) {
      const left = 2 * at + 1;
      if (left >= items.length) return;
      const right = left + 1;
      const child = right < items.length && before(items[right], items[left]) ? right : left;
      if (!before(items[child], items[at])) return;
      [items[at], items[child]] = [items[child], items[at]];
      at = child;
    }
  }
}
