import type { Context } from 'aws-lambda';
import type { Logger } from '@platform/logger';
import { applyLogLevel } from './base-logger.js';
import type { HandlerContext } from './types.js';
import type { Settings } from '@platform/settings';

/** Builds the handler context of one invocation: bound logger, correlation id, and settings. */
export const startInvocation = <S>(
  base: Logger,
  lambda: Context,
  correlationId: string | undefined,
): HandlerContext<S> => {
  const id = correlationId ?? lambda.awsRequestId;
  const logger = base.forInvocation({
    functionName: lambda.functionName,
    awsRequestId: lambda.awsRequestId,
    correlationId: id,
  });
  return {
    settings: undefined as S, // set by loadSettings before the handler function runs
    logger,
    correlationId: id,
    awsRequestId: lambda.awsRequestId,
    functionName: lambda.functionName,
    remainingTimeMs: () =>
      typeof lambda.getRemainingTimeInMillis === 'function' ? lambda.getRemainingTimeInMillis() : Infinity,
  };
};

/** Loads settings into the context and applies their log level. */
export const loadSettings = async <S>(base: Logger, settings: Settings<S>, context: HandlerContext<S>): Promise<S> => {
  const values = await settings.get();
  applyLogLevel(base, values);
  context.settings = values;
  return values;
};
