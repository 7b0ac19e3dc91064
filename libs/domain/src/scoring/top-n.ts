/**
 * The `capacity` best items by score, ties broken by key (ascending) so the result never depends on the order
 * items arrive in: a full rescore split over chunks and workers selects exactly what one pass would.
 */
export class TopN<T> {
  /** A min-heap: the worst kept item at the root. */
  private readonly heap: Array<{ score: number; key: string; item: T }> = [];

  constructor(private readonly capacity: number) {}

  get size(): number {
    return this.heap.length;
  }

  /**
   * Whether an item of this score could enter (when full, it must beat the worst kept one, or tie it). Lets a
   * caller skip building the key and item of the many pairs that never make it.
   */
  admits(score: number): boolean {
    return this.capacity > 0 && (this.heap.length < this.capacity || score >= this.heap[0].score);
  }

  offer(score: number, key: string, item: T): void {
    if (this.capacity <= 0) return;
    const entry = { score, key, item };
    if (this.heap.length < this.capacity) {
      this.heap.push(entry);
      this.up(this.heap.length - 1);
    } else if (worse(this.heap[0], entry)) {
      this.heap[0] = entry;
      this.down(0);
    }
  }

  /** Best first. */
  items(): T[] {
    return [...this.heap].sort((a, b) => (worse(a, b) ? 1 : worse(b, a) ? -1 : 0)).map((e) => e.item);
  }

  private up(i: number): void {
    const heap = this.heap;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!worse(heap[i], heap[parent])) break;
      [heap[i], heap[parent]] = [heap[parent], heap[i]];
      i = parent;
    }
  }

  private down(i: number): void {
    const heap = this.heap;
    for (;;) {
      const left = 2 * i + 1;
      const right = left + 1;
      let smallest = i;
      if (left < heap.length && worse(heap[left], heap[smallest])) smallest = left;
      if (right < heap.length && worse(heap[right], heap[smallest])) smallest = right;
      if (smallest === i) return;
      [heap[i], heap[smallest]] = [heap[smallest], heap[i]];
      i = smallest;
    }
  }
}

/** a ranks below b: lower score, or equal score and a later key. */
function worse(a: { score: number; key: string }, b: { score: number; key: string }): boolean {
  return a.score < b.score || (a.score === b.score && a.key > b.key);
}
