import type { Context } from 'aws-lambda';
import { BadRequestError } from '@platform/response';
import { schedule } from '@platform/lambda';
import { redriveDlq, type RedriveResult } from '../../core/redrive-dlq.js';
import { deps } from '../../deps.js';
import { settings } from '../../settings.js';
import { redriveDlqInput } from './schema.js';

/** Stop taking new batches when less than this is left of the invocation. */
const STOP_BEFORE_TIMEOUT_MS = 15_000;

/**
 * Invoked by hand (no events) with `{ max? }`: moves fetch requests from the DLQ back to the
 * fetch-requests queue and answers `{ moved, failed, notDeleted }`. @platform/lambda has no adapter
 * for direct invocations, so the `schedule` one (settings, logger, logged failures) runs it.
 */
export const handler = async (event: unknown, lambda: Context): Promise<RedriveResult> =>
  schedule({ settings }, async (ctx) => {
    const input = redriveDlqInput.safeParse(event);
    if (!input.success) throw new BadRequestError('Expected { "max"?: positive integer }');
    return redriveDlq(deps(ctx.settings).fetchRequestsDlq, {
      ...input.data,
      hasTime: () => ctx.remainingTimeMs() > STOP_BEFORE_TIMEOUT_MS,
    });
  })(undefined, lambda);
