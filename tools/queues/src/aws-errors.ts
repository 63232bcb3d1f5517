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

interface AwsLikeError {
  name?: string;
  message?: string;
  code?: string;
  Code?: string;
}

const asAwsError = (error: unknown): AwsLikeError =>
  typeof error === 'object' && error !== null ? (error as AwsLikeError) : { message: String(error) };

/** The AWS error name (`QueueDoesNotExist`, `UnsupportedOperation`, …) of a failed call. */
export const awsErrorName = (error: unknown): string => asAwsError(error).name ?? '';

/** The queue (or the resource a move task names) does not exist. */
export const isQueueMissing = (error: unknown): boolean => {
  const { name, Code } = asAwsError(error);
  return (
    ['QueueDoesNotExist', 'ResourceNotFoundException', 'InvalidAddress'].includes(name ?? '') ||
    Code === 'AWS.SimpleQueueService.NonExistentQueue'
  );
};

/**
 * One line that says what went wrong and what to do, for a failed SQS call: the endpoint is
 * unreachable, credentials or region are missing, access is denied, or AWS's own message.
 */
export const describeAwsError = (error: unknown, operation: string, where: string): string => {
  const aws = asAwsError(error);
  const name = aws.name ?? 'Error';
  const message = aws.message ?? '';
  if ((aws.code && NETWORK_CODES.has(aws.code)) || name === 'TimeoutError' || /ECONNREFUSED|ENOTFOUND/.test(message)) {
    return `cannot reach SQS at ${where} (${aws.code ?? name}): is the endpoint right and running? (AWS_ENDPOINT_URL, AWS_REGION; locally \`npm start\`)`;
  }
  if (name === 'CredentialsProviderError' || /credential/i.test(message)) {
    return `no AWS credentials for ${where}: set AWS_PROFILE or AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY`;
  }
  if (/region is missing/i.test(message)) return 'no AWS region: set AWS_REGION (e.g. eu-west-1)';
  if (['AccessDenied', 'AccessDeniedException', 'UnrecognizedClientException', 'ExpiredToken'].includes(name)) {
    return `SQS at ${where} refused ${operation} (${name}): ${message} (the IAM an operator needs is in tools/queues/README.md)`;
  }
  if (isThrottling(error)) return `SQS at ${where} kept throttling ${operation}; try again in a minute`;
  return `SQS ${operation} at ${where} failed (${name}): ${message}`;
};
