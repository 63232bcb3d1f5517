/** Base class of the errors this package throws. */
export class CacheError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'CacheError';
  }
}

/** Thrown when cache options are invalid (for example a negative TTL). */
export class CacheOptionsError extends CacheError {
  constructor(message: string) {
    super(message);
    this.name = 'CacheOptionsError';
  }
}
