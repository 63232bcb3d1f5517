import type { Context } from 'aws-lambda';
import type { Logger } from '@platform/logger';
import { runWithDeadline } from '@platform/deadline';
import { baseLoggerFor } from './base-logger.js';
import { invocationDeadline, loadSettings, startInvocation } from './invocation.js';
import type { AdapterOptions, HandlerContext } from './types.js';

/** One invocation under way: its context, when it started, and its deadline. */
export interface Invocation<S> {
  context: HandlerContext<S>;
  startedAt: number;
  /** When the invocation's own work must be over (epoch ms); the rest is the reserve for answering. */
  deadlineAt: number;
  /** Milliseconds since the invocation started. */
  elapsedMs(): number;
}

/** The invocation lifecycle every adapter shares: see {@link lifecycle}. */
export interface Lifecycle<S> {
  /** The container's base logger for the service. */
  base: Logger;
  /** Starts an invocation: bound logger, correlation id (else the request id), deadline. */
  start(lambda: Context, correlationId: string | undefined): Invocation<S>;
  /**
   * Runs `work` under the invocation's deadline after loading settings into its context (and
   * applying their log level). Throws what settings or `work` throw; the adapter maps it.
   */
  run<R>(invocation: Invocation<S>, work: () => Promise<R> | R): Promise<R>;
}

/**
 * The one invocation lifecycle behind the http, sqs, schedule, direct and authorizer adapters:
 * the base logger created once per container, a logger bound to each invocation, settings loaded
 * (from the container cache when fresh) with their log level applied, and the work run under the
 * invocation's deadline (Lambda's remaining time less `deadlineReserveMs`). What an adapter adds
 * is only how its event comes in and how its answer or error goes out.
 *
 * @example
 * const life = lifecycle(options);
 * return async (event, lambda) => {
 *   const invocation = life.start(lambda, correlationIdOf(event));
 *   try { return answer(await life.run(invocation, () => fn(input, invocation.context))); }
 *   catch (error) { return failure(error, invocation); }
 * };
 */
export const lifecycle = <S>(options: AdapterOptions<S>): Lifecycle<S> => {
  const base = baseLoggerFor(options.settings, options.logger);
  return {
    base,
    start: (lambda, correlationId) => {
      const startedAt = Date.now();
      return {
        context: startInvocation<S>(base, lambda, correlationId),
        startedAt,
        deadlineAt: invocationDeadline(lambda, options.deadlineReserveMs),
        elapsedMs: () => Date.now() - startedAt,
      };
    },
    run: (invocation, work) =>
      runWithDeadline(invocation.deadlineAt, async () => {
        await loadSettings(base, options.settings, invocation.context);
        return work();
      }),
  };
};
