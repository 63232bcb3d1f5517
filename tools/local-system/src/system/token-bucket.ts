/** A request rate limit as API Gateway has it: steady-state `rateLimit` per second, `burstLimit` bucket size. */
export interface ThrottleLimits {
  /** Tokens added per second (API Gateway's `rateLimit`, the plugin's `maxRequestsPerSecond`). */
  rateLimit: number;
  /** The bucket's size: how many requests may arrive at once (`burstLimit`, the plugin's `maxConcurrentRequests`). */
  burstLimit: number;
}

/** A clock in milliseconds; monotonic by default, replaceable in tests. */
export type Clock = () => number;

/** API Gateway's default account-level limits per Region, shared by every API of the account. */
export const ACCOUNT_THROTTLE_LIMITS: ThrottleLimits = { rateLimit: 10_000, burstLimit: 5_000 };

/**
 * The token bucket API Gateway throttles with: it starts full (`burstLimit` tokens), refills at
 * `rateLimit` tokens per second up to `burstLimit`, and every request takes one token; a request
 * that finds none is throttled. A bucket of size 0 admits nothing.
 *
 * @example
 * const bucket = new TokenBucket({ rateLimit: 5, burstLimit: 10 });
 * if (!bucket.tryTake()) answer429();
 */
export class TokenBucket {
  readonly limits: ThrottleLimits;
  readonly #now: Clock;
  #tokens: number;
  #refilledAt: number;

  constructor(limits: ThrottleLimits, now: Clock = () => performance.now()) {
    if (!(limits.rateLimit >= 0) || !(limits.burstLimit >= 0)) {
      throw new RangeError(`throttle limits must be 0 or more: ${JSON.stringify(limits)}`);
    }
    this.limits = { ...limits };
    this.#now = now;
    this.#tokens = limits.burstLimit;
    this.#refilledAt = now();
  }

  /** Whole tokens in the bucket now. */
  available(): number {
    this.#refill();
    return Math.floor(this.#tokens);
  }

  /** Takes one token if there is one; `false` means the request is throttled. */
  tryTake(): boolean {
    if (this.available() < 1) return false;
    this.#tokens -= 1;
    return true;
  }

  #refill(): void {
    const now = this.#now();
    const elapsedSeconds = Math.max(0, now - this.#refilledAt) / 1000;
    this.#tokens = Math.min(this.limits.burstLimit, this.#tokens + elapsedSeconds * this.limits.rateLimit);
    this.#refilledAt = now;
  }
}

/**
 * Takes one token from each bucket, or from none when any is empty (a throttled request uses no
 * one's capacity). Returns the first empty bucket, or `undefined` when the request may pass.
 */
export const takeFromAll = (buckets: readonly TokenBucket[]): TokenBucket | undefined => {
  const empty = buckets.find((bucket) => bucket.available() < 1);
  if (empty) return empty;
  for (const bucket of buckets) bucket.tryTake();
  return undefined;
};
