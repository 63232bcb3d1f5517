import { exponentialRetryDelay, sqs } from '@platform/lambda';
import { toStatusError } from '../../adapters/responses.js';
import { OutOfTimeError } from '../../core/errors.js';
import { fetchCompany } from '../../core/fetch-company.js';
import { deps } from '../../deps.js';
import { settings } from '../../settings.js';
import { fetchRequestMessage } from './schema.js';

/** Kept free after the legacy call's timeout, for publishing (with its retries) and the response. */
const PUBLISH_RESERVE_MS = 5_000;

/**
 * Consumes fetch-requests: reads each company from the legacy source (`legacy.concurrency` at
 * once) and publishes the reading to risk-updates. A record that fails comes back after 2 s, 4 s,
 * 8 s, … (capped at 5 minutes) rather than after the 6-minute visibility timeout, and goes to the
 * DLQ after 5 receives.
 * A record that could not finish before the Lambda timeout is failed up front instead: a timed-out
 * invocation would fail (and redeliver) the whole batch.
 */
export const handler = sqs(
  {
    settings,
    errors: toStatusError,
    message: fetchRequestMessage,
    concurrency: (values) => values.legacy.concurrency,
    retryDelay: exponentialRetryDelay(2, 300),
  },
  async (request, ctx) => {
    const remainingMs = ctx.remainingTimeMs();
    if (remainingMs < ctx.settings.legacy.timeoutMs + PUBLISH_RESERVE_MS) {
      throw new OutOfTimeError(request.companyId, remainingMs);
    }
    const started = Date.now();
    let update: Awaited<ReturnType<typeof fetchCompany>>;
    try {
      update = await fetchCompany(deps(ctx.settings).fetchCompany, request, ctx.correlationId);
    } catch (error) {
      ctx.metrics.add('LegacyFetchFailed', 1, 'Count');
      throw error;
    }
    // The legacy read and the publish of its result; the outcome as the legacy source answered.
    ctx.metrics.add('LegacyFetchDuration', Date.now() - started, 'Milliseconds');
    ctx.metrics.add(`LegacyOutcome${update.status.charAt(0).toUpperCase()}${update.status.slice(1)}`, 1, 'Count');
    ctx.logger.info(
      { companyId: update.companyId, status: update.status, receiveCount: ctx.receiveCount },
      'Company fetched',
    );
  },
);
