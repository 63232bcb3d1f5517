import type { SSMClient } from '@aws-sdk/client-ssm';
import { collect, parametersByPath, retryOnThrottling, type ThrottleRetryOptions } from '@platform/aws';
import type { ParameterLayer } from './parameter-tree.js';

/** Retry policy for Parameter Store throttling. */
export type ThrottleRetry = ThrottleRetryOptions;

/**
 * Reads every parameter under each path (recursive, paginated, SecureStrings decrypted), retrying
 * the read on throttling with jittered exponential back-off so a burst of cold starts spreads out
 * instead of hammering Parameter Store in lock-step. `signal` aborts every request (the load's
 * deadline).
 */
export const loadParameters = async (
  client: SSMClient,
  paths: readonly string[],
  retry: ThrottleRetry,
  signal?: AbortSignal,
): Promise<ParameterLayer[]> => {
  const readPath = async (basePath: string): Promise<ParameterLayer> => ({
    basePath,
    parameters: await retryOnThrottling(
      () => collect(parametersByPath(basePath, { client, recursive: true, ...(signal ? { signal } : {}) })),
      retry,
    ),
  });
  return Promise.all(paths.map(readPath));
};
