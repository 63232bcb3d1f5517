import { isThrottling } from '@platform/aws';

const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EPIPE',
]);

const DENIED = new Set([
  'AccessDenied',
  'AccessDeniedException',
  'UnrecognizedClientException',
  'ExpiredToken',
  'ExpiredTokenException',
]);

/** What an AWS SDK v3 error carries that the CLIs read. */
export interface AwsLikeError {
  name?: string;
  message?: string;
  code?: string;
  Code?: string;
}

/** Any thrown value as the fields of an SDK error (a non-object becomes its message). */
export const asAwsError = (error: unknown): AwsLikeError =>
  typeof error === 'object' && error !== null ? (error as AwsLikeError) : { message: String(error) };

/** What {@link describeAwsError} says the failed call was. */
export interface AwsCallDescription {
  /** The service as ops know it: `Parameter Store`, `SQS`. */
  service: string;
  /** The endpoint or region the call went to. */
  where: string;
  /** The operation, when the message should name it (`StartMessageMoveTask`). */
  operation?: string;
  /** Where the IAM an operator needs is documented, added to an access-denied message. */
  iamHint?: string;
}

/**
 * One line that says what went wrong and what to do, for a failed AWS call: the endpoint is
 * unreachable, credentials or region are missing, access is denied, throttled, or AWS's own
 * message.
 *
 * @example
 * describeAwsError(error, { service: 'SQS', where: 'http://127.0.0.1:4566', operation: 'ListQueues' });
 */
export const describeAwsError = (error: unknown, call: AwsCallDescription): string => {
  const aws = asAwsError(error);
  const name = aws.name ?? 'Error';
  const message = aws.message ?? '';
  const { service, where, operation, iamHint } = call;
  const what = operation === undefined ? 'the request' : operation;
  if ((aws.code && NETWORK_CODES.has(aws.code)) || name === 'TimeoutError' || /ECONNREFUSED|ENOTFOUND/.test(message)) {
    return `cannot reach ${service} at ${where} (${aws.code ?? name}): is the endpoint right and running? (AWS_ENDPOINT_URL, AWS_REGION; locally \`npm start\`)`;
  }
  if (name === 'CredentialsProviderError' || /credential/i.test(message)) {
    return `no AWS credentials for ${where}: set AWS_PROFILE or AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY (any value works for the local cloud)`;
  }
  if (/region is missing/i.test(message)) return 'no AWS region: set AWS_REGION (e.g. eu-west-1)';
  if (DENIED.has(name)) {
    const hint = iamHint === undefined ? '' : ` (the IAM an operator needs is in ${iamHint})`;
    return `${service} at ${where} refused ${what} (${name}): ${message}${hint}`;
  }
  if (isThrottling(error)) return `${service} at ${where} kept throttling ${what}; try again in a minute`;
  return `${service}${operation === undefined ? '' : ` ${operation}`} at ${where} failed (${name}): ${message}`;
};
