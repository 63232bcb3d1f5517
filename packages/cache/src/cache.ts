import { CacheOptionsError } from './errors.js';
import type { CacheOptions, CacheStats, Clock, EntryOptions } from './types.js';

const DEFAULTS = { maxEntries: 1000, ttlMs: 300_000 } as const;

interface Entry<V> {
  value: V;
  expiresAt: number;
}

/** Every live cache, so tests can reset them all at once with {@link clearCaches}. */
const registry = new Set<WeakRef<Cache<unknown, unknown>>>();

const checkTtl = (ttlMs: number, name: string): number => {
  if (!(ttlMs >= 0)) throw new CacheOptionsError(`${name} must be a number ≥ 0 (or Infinity), got ${ttlMs}`);
  return ttlMs;
};

/**
 * A container-scoped cache: it lives as long as the Lambda container (module scope), so what
 * one invocation loads, the next ones reuse. Entries expire after a TTL; past `maxEntries` the
 * least recently used is evicted. `getOrLoad` is single-flight: concurrent misses for one key
 * share one loader call, and a failed load is shared by its waiters but never cached.
 *
 * @example
 * const roles = new Cache<string, string[]>({ ttlMs: 60_000, maxEntries: 100 });
 * const scopes = await roles.getOrLoad('admin', (role) => repository.scopesOf(role));
 */
export class Cache<K, V> {
  readonly #entries = new Map<K, Entry<V>>();
  readonly #inflight = new Map<K, Promise<V>>();
  readonly #maxEntries: number;
  readonly #ttlMs: number;
  readonly #clock: Clock;
  readonly #stats = { hits: 0, misses: 0, loads: 0, loadFailures: 0, evictions: 0 };

  constructor(options: CacheOptions = {}) {
    const { maxEntries, ttlMs, clock } = { ...DEFAULTS, clock: Date.now, ...options };
    if (!Number.isInteger(maxEntries) || maxEntries < 1) {
      throw new CacheOptionsError(`maxEntries must be an integer ≥ 1, got ${maxEntries}`);
    }
    this.#maxEntries = maxEntries;
    this.#ttlMs = checkTtl(ttlMs, 'ttlMs');
    this.#clock = clock;
    registry.add(new WeakRef(this as Cache<unknown, unknown>));
  }

  /** The value for `key`, or `undefined` when absent or expired. Counts a hit or a miss. */
  get(key: K): V | undefined {
    const entry = this.#live(key);
    if (!entry) {
      this.#stats.misses += 1;
      return undefined;
    }
    this.#stats.hits += 1;
    this.#entries.delete(key);
    this.#entries.set(key, entry); // most recently used goes last
    return entry.value;
  }

  /** Whether a live entry exists; does not count as a hit or change recency. */
  has(key: K): boolean {
    return this.#live(key) !== undefined;
  }

  /** Stores a value, evicting the least recently used entry past `maxEntries`. */
  set(key: K, value: V, options: EntryOptions = {}): this {
    const ttlMs = options.ttlMs === undefined ? this.#ttlMs : checkTtl(options.ttlMs, 'ttlMs');
    this.#entries.delete(key);
    this.#entries.set(key, { value, expiresAt: this.#clock() + ttlMs });
    while (this.#entries.size > this.#maxEntries) {
      const oldest = this.#entries.keys().next().value as K;
      this.#entries.delete(oldest);
      this.#stats.evictions += 1;
    }
    return this;
  }

  /** Removes an entry; a load under way for it will not be stored. */
  delete(key: K): boolean {
    this.#inflight.delete(key);
    return this.#entries.delete(key);
  }

  /** Removes every entry; loads under way will not be stored. Counters are kept. */
  clear(): void {
    this.#inflight.clear();
    this.#entries.clear();
  }

  /**
   * The cached value, or the result of `loader(key)` stored for the TTL. Concurrent calls for
   * the same missing key wait for one loader call; if it fails, they all get its error and the
   * next call tries again.
   */
  getOrLoad(key: K, loader: (key: K) => Promise<V> | V, options: EntryOptions = {}): Promise<V> {
    const cached = this.get(key);
    if (cached !== undefined) return Promise.resolve(cached);
    const pending = this.#inflight.get(key);
    if (pending) return pending;

    this.#stats.loads += 1;
    const load = (async () => loader(key))().then(
      (value) => {
        if (this.#inflight.get(key) === load) {
          this.#inflight.delete(key);
          this.set(key, value, options);
        }
        return value;
      },
      (error: unknown) => {
        if (this.#inflight.get(key) === load) this.#inflight.delete(key);
        this.#stats.loadFailures += 1;
        throw error;
      },
    );
    this.#inflight.set(key, load);
    return load;
  }

  /** Number of entries held (expired ones included until touched). */
  get size(): number {
    return this.#entries.size;
  }

  /** Hit, miss, load, failure and eviction counters, and the current size. */
  stats(): CacheStats {
    return { ...this.#stats, size: this.#entries.size };
  }

  #live(key: K): Entry<V> | undefined {
    const entry = this.#entries.get(key);
    if (!entry) return undefined;
    if (entry.expiresAt <= this.#clock()) {
      this.#entries.delete(key);
      return undefined;
    }
    return entry;
  }
}

/**
 * Empties every cache created in this process (module-scoped caches included). For tests only:
 * in a Lambda, caches living across invocations is the point.
 */
export const clearCaches = (): void => {
  for (const ref of registry) {
    const cache = ref.deref();
    if (cache) cache.clear();
    else registry.delete(ref);
  }
};
