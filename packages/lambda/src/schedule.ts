import type { Context, ScheduledEvent } from 'aws-lambda';
import { lifecycle } from './lifecycle.js';
import type { AdapterOptions, HandlerContext, PlatformSettings } from './types.js';

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
export const schedule = <S extends PlatformSettings, R>(
  options: AdapterOptions<S>,
  fn: (context: ScheduleContext<S>) => Promise<R> | R,
) => {
  const life = lifecycle(options);

  return async function scheduleHandler(event: Partial<ScheduledEvent> | undefined, lambda: Context): Promise<R> {
    const invocation = life.start(lambda, event?.id);
    const context: ScheduleContext<S> = Object.assign(invocation.context, { scheduledTime: event?.time });
    try {
      const result = await life.run(invocation, () => fn(context));
      context.logger.info({ durationMs: invocation.elapsedMs(), result }, 'Scheduled run finished');
      life.finish(invocation, { status: 'success' });
      return result;
    } catch (error) {
      context.logger.error({ err: error, durationMs: invocation.elapsedMs() }, 'Scheduled run failed');
      life.finish(invocation, { status: 'error' });
      throw error;
    }
  };
};
