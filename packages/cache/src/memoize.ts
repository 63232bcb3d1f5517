import { Cache } from './cache.js';
import type { CacheOptions } from './types.js';

/** Options for {@link memoize}. */
export interface MemoizeOptions<A extends unknown[]> extends CacheOptions {
  /** Derives the cache key from the arguments. Default: the first argument, or `'()'` when none. */
  key?: (...args: A) => unknown;
}

/** A memoized function, with its cache exposed for inspection and resets. */
export type Memoized<A extends unknown[], R> = ((...args: A) => Promise<R>) & {
  cache: Cache<unknown, R>;
  clear(): void;
};

const defaultKey = (...args: unknown[]): unknown => (args.length === 0 ? '()' : args[0]);

/**
 * Wraps an async function so results are cached per key for `ttlMs`, with single-flight
 * loading: concurrent calls with the same key share one call of `fn`; failures are not cached.
 *
 * @example
 * const scopesOfRole = memoize((role: string) => db.scopesOf(role), { ttlMs: 60_000 });
 * await scopesOfRole('admin'); // loads
 * await scopesOfRole('admin'); // cached
 */
export const memoize = <A extends unknown[], R>(
  fn: (...args: A) => Promise<R> | R,
  options: MemoizeOptions<A> = {},
): Memoized<A, R> => {
  const { key = defaultKey, ...cacheOptions } = options;
  const cache = new Cache<unknown, R>(cacheOptions);
  const memoized = (...args: A): Promise<R> => cache.getOrLoad(key(...args), () => fn(...args));
  return Object.assign(memoized, { cache, clear: () => cache.clear() });
};
