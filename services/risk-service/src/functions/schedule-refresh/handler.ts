import { schedule } from '@platform/lambda';
import { scheduleRefresh } from '../../core/schedule-refresh.js';
import { deps } from '../../deps.js';
import { settings } from '../../settings.js';

/** Daily (configurable) job: requests a refresh of every stale company, ten per SQS call. */
export const handler = schedule({ settings }, async (ctx) => scheduleRefresh(deps(ctx.settings), ctx.correlationId));
