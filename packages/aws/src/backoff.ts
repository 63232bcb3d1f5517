import { exponentialDelay } from '@platform/cache';

/** Options of an exponential back-off with full jitter. */
export interface BackoffOptions {
  /** Delay scale of the first retry, in ms. */
  baseDelayMs: number;
  /** Upper bound of any one delay, in ms. */
  maxDelayMs: number;
}

/**
 * The delay before retry number `attempt` (1 for the first retry): a random value between 0 and
 * `min(maxDelayMs, baseDelayMs × 2^(attempt-1))`, AWS's "full jitter", which spreads a burst of
 * retrying callers instead of synchronising them.
 *
 * @example
 * await sleep(fullJitterDelay(2, { baseDelayMs: 100, maxDelayMs: 2_000 })); // 0-200 ms
 */
export const fullJitterDelay = (attempt: number, options: BackoffOptions, random: () => number = Math.random): number =>
  Math.floor(random() * exponentialDelay(attempt, { initial: options.baseDelayMs, max: options.maxDelayMs }));

/** Resolves after `ms`; the timer does not keep the process alive. */
export const sleep = (ms: number): Promise<void> =>
  new Promise((resolve) => {
    setTimeout(resolve, ms).unref();
  });
