import type { Context } from 'aws-lambda';
import type { Logger } from '@platform/logger';
import { applyLogLevel } from './base-logger.js';
import type { HandlerContext, PlatformSettings } from './types.js';
import type { Settings } from '@platform/settings';

/** The most an invocation keeps back from its remaining time for answering. */
const MAX_RESERVE_MS = 1_000;

/**
 * When the invocation's own work must be over (epoch ms): Lambda's remaining time less a reserve
 * for answering, logging and (SQS) reporting failures, `reserveMs` or a fifth of the time left up
 * to 1 s. Infinity outside Lambda (no `getRemainingTimeInMillis`).
 */
export const invocationDeadline = (lambda: Context, reserveMs?: number): number => {
  const remaining =
    typeof lambda.getRemainingTimeInMillis === 'function' ? lambda.getRemainingTimeInMillis() : Infinity;
  if (!Number.isFinite(remaining)) return Infinity;
  const reserve = reserveMs ?? Math.min(MAX_RESERVE_MS, Math.round(remaining / 5));
  return Date.now() + Math.max(0, remaining - reserve);
};

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
    metrics: undefined as unknown as HandlerContext<S>['metrics'], // set by the lifecycle
    logger,
    correlationId: id,
    awsRequestId: lambda.awsRequestId,
    functionName: lambda.functionName,
    remainingTimeMs: () =>
      typeof lambda.getRemainingTimeInMillis === 'function' ? lambda.getRemainingTimeInMillis() : Infinity,
  };
};

/** Loads settings into the context and applies their log level. */
export const loadSettings = async <S extends PlatformSettings>(
  base: Logger,
  settings: Settings<S>,
  context: HandlerContext<S>,
): Promise<S> => {
  const values = await settings.get();
  applyLogLevel(base, values);
  context.settings = values;
  return values;
};
