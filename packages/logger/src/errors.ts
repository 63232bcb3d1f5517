/** Base class of the errors this package throws. */
export class LoggerError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'LoggerError';
  }
}

/**
 * Thrown by `createLogger` when its options are unusable (for example an empty `service`).
 * Only at container start: nothing on the logging hot path throws.
 */
export class LoggerOptionsError extends LoggerError {
  constructor(message: string) {
    super(message);
    this.name = 'LoggerOptionsError';
  }
}
