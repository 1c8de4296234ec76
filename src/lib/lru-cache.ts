/**
 * A small least-recently-used cache bounded by entry count and by total size (in
 * whatever unit `sizeOf` returns, e.g. string length), with an optional time to live.
 * A Map keeps insertion order, so re-inserting on read makes the first key the oldest.
 */
export class LruCache<K, V> {
  private readonly map = new Map<K, { value: V; size: number; at: number }>();
  private total = 0;

  constructor(
    private readonly opts: {
      maxEntries: number;
      maxSize?: number;
      sizeOf?: (value: V) => number;
      ttlMs?: number;
      now?: () => number;
    },
  ) {
    if (opts.maxEntries < 1) throw new Error("maxEntries must be at least 1");
  }

  private now() {
    return (this.opts.now ?? Date.now)();
  }

  get size(): number {
    return this.map.size;
  }

  /** Total size of the stored values. */
  get weight(): number {
    return this.total;
  }

  get(key: K): V | undefined {
    const hit = this.map.get(key);
    if (!hit) return undefined;
    if (this.opts.ttlMs !== undefined && this.now() - hit.at >= this.opts.ttlMs) {
      this.delete(key);
      return undefined;
    }
    this.map.delete(key);
    this.map.set(key, hit);
    return hit.value;
  }

  set(key: K, value: V): void {
    const size = this.opts.sizeOf ? this.opts.sizeOf(value) : 1;
    this.delete(key);
    // A value larger than the whole budget is not kept (it would evict everything).
    if (this.opts.maxSize !== undefined && size > this.opts.maxSize) return;
    this.map.set(key, { value, size, at: this.now() });
    this.total += size;
    while (
      this.map.size > this.opts.maxEntries ||
      (this.opts.maxSize !== undefined && this.total > this.opts.maxSize)
    ) {
      const oldest = this.map.keys().next().value as K;
      this.delete(oldest);
    }
  }

  delete(key: K): boolean {
    const hit = this.map.get(key);
    if (!hit) return false;
    this.map.delete(key);
    this.total -= hit.size;
    return true;
  }

  clear(): void {
    this.map.clear();
    this.total = 0;
  }
}
