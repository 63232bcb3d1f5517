/** Whether the caller or the service is at fault, as AWS's query-compatible error header says. */
export type AwsFault = 'Sender' | 'Receiver';

/** Options for {@link AwsError}. */
export interface AwsErrorOptions {
  /** HTTP status of the error response; 400 unless told. */
  statusCode?: number;
  /** AWS Query error code, sent in `x-amzn-query-error` for query-compatible services (SQS). */
  queryCode?: string;
  fault?: AwsFault;
}

/**
 * An error answered to the SDK in the AWS JSON protocol's error shape. `code` is the
 * exception's shape name (for example `ParameterNotFound` or `QueueDoesNotExist`), which the
 * SDK turns into its own exception class.
 *
 * @example
 * throw new AwsError('ParameterNotFound', `Parameter ${name} not found.`);
 */
export class AwsError extends Error {
  readonly code: string;
  readonly statusCode: number;
  readonly queryCode: string | undefined;
  readonly fault: AwsFault;

  constructor(code: string, message: string, options: AwsErrorOptions = {}) {
    super(message);
    this.name = 'AwsError';
    this.code = code;
    this.statusCode = options.statusCode ?? 400;
    this.queryCode = options.queryCode;
    this.fault = options.fault ?? (this.statusCode >= 500 ? 'Receiver' : 'Sender');
  }
}

/** AWS's generic validation failure, shared by every JSON-protocol service. */
export const validationError = (message: string): AwsError => new AwsError('ValidationException', message);
