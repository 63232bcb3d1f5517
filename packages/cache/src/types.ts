/** Returns the current time in milliseconds; `Date.now` unless a test injects its own. */
export type Clock = () => number;

/** Options for a {@link Cache}. */
export interface CacheOptions {
  /** Most entries kept; the least recently used one is evicted past it. Default 1000. */
  maxEntries?: number;
  /** How long an entry lives, in ms; `Infinity` for no expiry. Default 300 000 (5 minutes). */
  ttlMs?: number;
  /** Time source, for tests. Default `Date.now`. */
  clock?: Clock;
}

/** Per-call options of `set` and `getOrLoad`. */
export interface EntryOptions {
  /** Overrides the cache's TTL for this entry. */
  ttlMs?: number;
}

/** Counters of a cache, for logs and benchmarks. */
export interface CacheStats {
  hits: number;
  misses: number;
  /** Loader calls started by `getOrLoad` (concurrent misses share one). */
  loads: number;
  loadFailures: number;
  evictions: number;
  size: number;
}
