import { fullJitterDelay, sleep, type BackoffOptions } from './backoff.js';

/** How often and how patiently to retry a throttled call. */
export interface ThrottleRetryOptions extends BackoffOptions {
  /** Attempts in all, the first included. */
  maxAttempts: number;
}

/**
 * Whether an AWS SDK error means "too many requests, try again later": the SDK's own throttling
 * flag, or one of the names the services use for it (SSM's `ThrottlingException` and
 * `TooManyUpdates`, API Gateway's `TooManyRequestsException`).
 *
 * @example
 * if (isThrottling(error)) await sleep(fullJitterDelay(attempt, options));
 */
export const isThrottling = (error: unknown): boolean => {
  if (typeof error !== 'object' || error === null) return false;
  const { name, $retryable } = error as { name?: unknown; $retryable?: { throttling?: boolean } };
  return (
    $retryable?.throttling === true ||
    name === 'ThrottlingException' ||
    name === 'TooManyUpdates' ||
    name === 'TooManyRequestsException'
  );
};

/**
 * Runs `operation`, and again after a full-jitter back-off each time it is throttled, at most
 * `maxAttempts` times in all; any other error, or the last throttling error, is thrown as is.
 * The jitter spreads a burst of callers (cold starts, a CLI applying many parameters) instead of
 * retrying them in lock-step.
 *
 * @example
 * const page = await retryOnThrottling(() => ssm.send(command), { maxAttempts: 5, baseDelayMs: 100, maxDelayMs: 2_000 });
 */
export const retryOnThrottling = async <T>(operation: () => Promise<T>, options: ThrottleRetryOptions): Promise<T> => {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await operation();
    } catch (error) {
      if (!isThrottling(error) || attempt >= options.maxAttempts) throw error;
      await sleep(fullJitterDelay(attempt, options));
    }
  }
};
