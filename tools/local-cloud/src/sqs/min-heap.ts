/** An item a {@link MinHeap} orders by `at` (a time in epoch milliseconds). */
export interface Timed {
  readonly at: number;
}

/**
 * A binary min-heap ordered by `at`: O(log n) `push` and `pop`, O(1) `peek`. Items that became
 * irrelevant are left in place and skipped by the caller when they surface (lazy invalidation);
 * `retain` compacts the heap when too many of them pile up.
 *
 * @example
 * const heap = new MinHeap<{ at: number }>();
 * heap.push({ at: 20 });
 * heap.push({ at: 10 });
 * heap.pop(); // { at: 10 }
 */
export class MinHeap<T extends Timed> {
  #items: T[] = [];

  /** Number of items held, stale ones included. */
  get size(): number {
    return this.#items.length;
  }

  /** The item with the earliest `at`, left in place. */
  peek(): T | undefined {
    return this.#items[0];
  }

  /** Adds an item. */
  push(item: T): void {
    this.#items.push(item);
    this.#siftUp(this.#items.length - 1);
  }

  /** Removes and returns the item with the earliest `at`. */
  pop(): T | undefined {
    const items = this.#items;
    const top = items[0];
    const last = items.pop();
    if (items.length > 0 && last !== undefined) {
      items[0] = last;
      this.#siftDown(0);
    }
    return top;
  }

  /** Keeps only the items `keep` accepts and restores the heap order. */
  retain(keep: (item: T) => boolean): void {
    this.#items = this.#items.filter(keep);
    for (let i = (this.#items.length >> 1) - 1; i >= 0; i -= 1) this.#siftDown(i);
  }

  /** Removes every item. */
  clear(): void {
    this.#items = [];
  }

  #siftUp(start: number): void {
    const items = this.#items;
    const item = items[start];
    if (item === undefined) return;
    let index = start;
    while (index > 0) {
      const parentIndex = (index - 1) >> 1;
      const parent = items[parentIndex];
      if (parent === undefined || parent.at <= item.at) break;
      items[index] = parent;
      index = parentIndex;
    }
    items[index] = item;
  }

  #siftDown(start: number): void {
    const items = this.#items;
    const item = items[start];
    if (item === undefined) return;
    let index = start;
    for (;;) {
      let childIndex = 2 * index + 1;
      let child = items[childIndex];
      if (child === undefined) break;
      const right = items[childIndex + 1];
      if (right !== undefined && right.at < child.at) {
        childIndex += 1;
        child = right;
      }
      if (child.at >= item.at) break;
      items[index] = child;
      index = childIndex;
    }
    items[index] = item;
  }
}
