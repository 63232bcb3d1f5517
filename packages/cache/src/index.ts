export { Cache, clearCaches } from './cache.js';
export { exponentialDelay } from './backoff.js';
export type { ExponentialBackoff } from './backoff.js';
export { memoize } from './memoize.js';
export type { MemoizeOptions, Memoized } from './memoize.js';
export { CacheError, CacheOptionsError } from './errors.js';
export type { CacheOptions, CacheStats, Clock, EntryOptions } from './types.js';
export { createRefreshingValue, LoadTimeoutError } from './refreshing-value.js';
export type {
  LoadFailure,
  RefreshingValue,
  RefreshingValueOptions,
  RefreshingValueStatus,
} from './refreshing-value.js';
