import { exponentialDelay } from '@platform/cache';
import { describeError, type EventSourceMappingLogger } from './types.js';

/** First pause after a failed SQS request. */
export const INITIAL_BACKOFF_MS = 1000;
/** Longest pause between attempts. */
export const MAX_BACKOFF_MS = 20_000;

/** The back-off every poller of one mapping shares, so a broken queue is logged once per pause. */
export interface PollBackoff {
  /** Records a failure and waits out the current pause (shorter when `signal` aborts). */
  failed(error: unknown, signal: AbortSignal): Promise<void>;
  /** Records a success: the next failure starts again from the first pause. */
  succeeded(): void;
}

/** Waits `ms`, or less when `signal` aborts; leaves no timer behind either way. */
export const sleep = (ms: number, signal: AbortSignal): Promise<void> =>
  new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const done = (): void => {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    timer.unref();
    signal.addEventListener('abort', done, { once: true });
  });

/**
 * Creates the shared exponential back-off (1 s, 2 s, 4 s … 20 s). Failures that arrive while a
 * pause is running join it silently; the first failure after it starts the next, longer one.
 *
 * @example
 * try { await receive(); backoff.succeeded(); } catch (error) { await backoff.failed(error, signal); }
 */
export const createPollBackoff = (logger: EventSourceMappingLogger, details: Record<string, unknown>): PollBackoff => {
  let failures = 0;
  let retryAt = 0;

  const failed = async function failed(error: unknown, signal: AbortSignal): Promise<void> {
    if (signal.aborted) return;
    const now = Date.now();
    if (now >= retryAt) {
      failures += 1;
      const delay = exponentialDelay(failures, { initial: INITIAL_BACKOFF_MS, max: MAX_BACKOFF_MS });
      retryAt = now + delay;
      logger.warn(
        { ...details, error: describeError(error), retryInMs: delay, failures },
        'SQS request failed; backing off',
      );
    }
    await sleep(retryAt - now, signal);
  };

  const succeeded = function succeeded(): void {
    if (failures === 0) return;
    logger.info({ ...details, failures }, 'SQS reachable again; polling resumed');
    failures = 0;
    retryAt = 0;
  };

  return { failed, succeeded };
};
