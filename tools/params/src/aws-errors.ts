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
  $retryable?: { throttling?: boolean };
  $metadata?: { httpStatusCode?: number };
}

const asAwsError = (error: unknown): AwsLikeError =>
  typeof error === 'object' && error !== null ? (error as AwsLikeError) : { message: String(error) };

/** The parameter (or its version) does not exist. */
export const isNotFound = (error: unknown): boolean =>
  ['ParameterNotFound', 'ParameterVersionNotFound'].includes(asAwsError(error).name ?? '');

/**
 * One line that says what went wrong and what to do, for a failed Parameter Store call: the
 * endpoint is unreachable, credentials or region are missing, access is denied, or AWS's own message.
 */
export const describeAwsError = (error: unknown, where: string): string => {
  const aws = asAwsError(error);
  const name = aws.name ?? 'Error';
  const message = aws.message ?? '';
  if ((aws.code && NETWORK_CODES.has(aws.code)) || name === 'TimeoutError' || /ECONNREFUSED|ENOTFOUND/.test(message)) {
    return `cannot reach Parameter Store at ${where} (${aws.code ?? name}): is the endpoint right and running? (AWS_ENDPOINT_URL, AWS_REGION; locally \`npm start\`)`;
  }
  if (name === 'CredentialsProviderError' || /credential/i.test(message)) {
    return `no AWS credentials for ${where}: set AWS_PROFILE or AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY (any value works for the local cloud)`;
  }
  if (/region is missing/i.test(message)) {
    return 'no AWS region: set AWS_REGION (e.g. eu-west-1)';
  }
  if (['AccessDeniedException', 'UnrecognizedClientException', 'ExpiredTokenException'].includes(name)) {
    return `Parameter Store at ${where} refused the credentials (${name}): ${message}`;
  }
  if (isThrottling(error)) return `Parameter Store at ${where} kept throttling the requests; try again in a minute`;
  return `Parameter Store at ${where} failed (${name}): ${message}`;
};
