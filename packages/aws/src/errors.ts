/** Base class of the errors this package throws. */
export class AwsPackageError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'AwsPackageError';
  }
}

/** A message could not be prepared for sending (for example a body that is not JSON-serialisable). */
export class InvalidMessageError extends AwsPackageError {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'InvalidMessageError';
  }
}
