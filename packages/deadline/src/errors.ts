import { StatusError, type StatusErrorOptions } from '@platform/response';

/** Seconds a client is asked to wait before retrying a call that ran out of time. */
const RETRY_AFTER_SECONDS = 1;

/**
 * A dependency did not answer before the invocation's deadline. It is a `StatusError`, so the
 * adapters of `@platform/lambda` answer `unavailable` (503, `Retry-After: 1`) by `instanceof`, and
 * an SQS record failing with it is retried; the message (naming the dependency) goes only to the
 * log.
 *
 * @example
 * if (error instanceof DeadlineExceededError) logger.warn({ dependency: error.dependency }, 'Out of time');
 */
export class DeadlineExceededError extends StatusError {
  /** What was being waited for, e.g. `DynamoDB GetItem`. */
  readonly dependency: string;

  constructor(dependency: string, options: Omit<StatusErrorOptions, 'expose'> = {}) {
    super('unavailable', `${dependency} did not answer before the invocation's deadline`, {
      ...options,
      expose: false,
      headers: { 'retry-after': String(RETRY_AFTER_SECONDS), ...options.headers },
    });
    this.name = 'DeadlineExceededError';
    this.dependency = dependency;
  }
}
