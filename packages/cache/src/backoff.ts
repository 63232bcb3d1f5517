/** The bounds of an exponential back-off, in whatever unit the caller counts (ms, seconds). */
export interface ExponentialBackoff {
  /** The delay after the first failure. */
  initial: number;
  /** No delay is longer. */
  max: number;
}

/**
 * The platform's one back-off formula: the delay after the `attempt`-th consecutive failure
 * (1 for the first), doubling from `initial` and capped at `max` — `min(max, initial × 2^(attempt-1))`.
 * Callers add jitter, rounding or units on top (SDK retries, SQS redelivery, settings reloads,
 * the local event-source mapper's polls).
 *
 * @example
 * exponentialDelay(3, { initial: 1_000, max: 20_000 }); // 4000
 */
export const exponentialDelay = (attempt: number, { initial, max }: ExponentialBackoff): number =>
  // The exponent is bounded so a long outage never overflows to Infinity (2^30 × initial ≫ any max).
  Math.min(max, initial * 2 ** Math.min(30, Math.max(0, attempt - 1)));
