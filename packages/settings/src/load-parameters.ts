import type { SSMClient } from '@aws-sdk/client-ssm';
import { collect, fullJitterDelay, parametersByPath, sleep } from '@platform/aws';
import type { ParameterLayer } from './parameter-tree.js';

/** Retry policy for Parameter Store throttling. */
export interface ThrottleRetry {
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
}

/** Parameter Store answers bursts over its rate (40 req/s per account and region by default) this way. */
const isThrottling = (error: unknown): boolean =>
  error instanceof Error &&
  ((error as { $retryable?: { throttling?: boolean } }).$retryable?.throttling === true ||
    error.name === 'ThrottlingException' ||
    error.name === 'TooManyUpdates');

/**
 * Reads every parameter under each path (recursive, paginated, SecureStrings decrypted), retrying
 * the read on throttling with jittered exponential back-off so a burst of cold starts spreads out
 * instead of hammering Parameter Store in lock-step.
 */
export const loadParameters = async (
  client: SSMClient,
  paths: readonly string[],
  retry: ThrottleRetry,
): Promise<ParameterLayer[]> => {
  const readPath = async (basePath: string): Promise<ParameterLayer> => {
    for (let attempt = 1; ; attempt += 1) {
      try {
        return { basePath, parameters: await collect(parametersByPath(basePath, { client, recursive: true })) };
      } catch (error) {
        if (!isThrottling(error) || attempt >= retry.maxAttempts) throw error;
        await sleep(fullJitterDelay(attempt, retry));
      }
    }
  };
  return Promise.all(paths.map(readPath));
};
