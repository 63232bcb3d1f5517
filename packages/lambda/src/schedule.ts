import type { Context, ScheduledEvent } from 'aws-lambda';
import { baseLoggerFor } from './base-logger.js';
import { runWithDeadline } from '@platform/deadline';
import { invocationDeadline, loadSettings, startInvocation } from './invocation.js';
import type { AdapterOptions, HandlerContext } from './types.js';

/** What a scheduled function receives. */
export interface ScheduleContext<S> extends HandlerContext<S> {
  /** When EventBridge fired the rule (ISO), if the event says. */
  scheduledTime: string | undefined;
}

/**
 * Adapts an EventBridge schedule (cron/rate) event. Settings are loaded and the logger bound as
 * for the other adapters; an error is logged and rethrown so the invocation counts as failed
 * (Lambda's asynchronous retries and error metrics then apply).
 *
 * @example
 * export const handler = schedule({ settings }, async (ctx) => scheduleRefresh(deps(ctx.settings)));
 */
export const schedule = <S, R>(options: AdapterOptions<S>, fn: (context: ScheduleContext<S>) => Promise<R> | R) => {
  const base = baseLoggerFor(options.settings, options.logger);

  return async function scheduleHandler(event: Partial<ScheduledEvent> | undefined, lambda: Context): Promise<R> {
    const started = Date.now();
    const context: ScheduleContext<S> = { ...startInvocation<S>(base, lambda, event?.id), scheduledTime: event?.time };
    try {
      const result = await runWithDeadline(invocationDeadline(lambda, options.deadlineReserveMs), async () => {
        await loadSettings(base, options.settings, context);
        return fn(context);
      });
      context.logger.info({ durationMs: Date.now() - started, result }, 'Scheduled run finished');
      return result;
    } catch (error) {
      context.logger.error({ err: error, durationMs: Date.now() - started }, 'Scheduled run failed');
      throw error;
    }
  };
};
