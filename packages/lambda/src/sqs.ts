import type { Context, SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import type { z } from 'zod';
import { BadRequestError } from '@platform/response';
import { baseLoggerFor } from './base-logger.js';
import { runWithDeadline } from '@platform/deadline';
import { invocationDeadline, loadSettings, startInvocation } from './invocation.js';
import { mapError } from './map-error.js';
import { mapWithConcurrency } from './map-with-concurrency.js';
import { delayRetries, type RetryDelay } from './retry-delay.js';
import type { AdapterOptions, HandlerContext } from './types.js';

/** What an sqs handler function receives besides the message. */
export interface SqsContext<S> extends HandlerContext<S> {
  messageId: string;
  /** How many times SQS has delivered this message (1 on the first delivery). */
  receiveCount: number;
}

/** Options of {@link sqs}. */
export interface SqsOptions<S, M extends z.ZodType> extends AdapterOptions<S> {
  /** Validates the message body (parsed as JSON). */
  message: M;
  /** Records processed at once; a number or derived from settings. Default 1 (one at a time). */
  concurrency?: number | ((settings: S) => number);
  /**
   * When a failed record comes back: seconds by receive count (e.g. `exponentialRetryDelay(2, 300)`).
   * Default: after the queue's visibility timeout. Needs `sqs:GetQueueUrl` and
   * `sqs:ChangeMessageVisibility` on the queue.
   */
  retryDelay?: RetryDelay;
}

const parseRecord = <M extends z.ZodType>(schema: M, record: SQSRecord): z.output<M> => {
  let body: unknown;
  try {
    body = JSON.parse(record.body);
  } catch {
    throw new BadRequestError('Message body is not valid JSON');
  }
  const result = schema.safeParse(body);
  if (!result.success) {
    const summary = result.error.issues
      .map((i) => `${i.path.map(String).join('.') || '(body)'}: ${i.message}`)
      .join('; ');
    throw new BadRequestError(`Invalid message: ${summary}`);
  }
  return result.data;
};

/**
 * Adapts an SQS batch to a function of one message. Records are processed in isolation: one that
 * fails (invalid, or its function throws) is reported in `batchItemFailures` so SQS retries only
 * it (and moves it to the DLQ after maxReceiveCount); the others are deleted. Needs
 * `functionResponseType: ReportBatchItemFailures` on the event source. If settings cannot be
 * loaded, the whole batch is reported failed. Settings and records run under the invocation's
 * deadline (`@platform/deadline`): a record whose dependency is still silent then fails (and is
 * retried) while the reserve is left to report it. Never throws.
 *
 * @example
 * export const handler = sqs({ settings, message: riskUpdateSchema }, async (update, ctx) =>
 *   applyRiskUpdate(deps(ctx.settings), update));
 */
export const sqs = <S, M extends z.ZodType>(
  options: SqsOptions<S, M>,
  fn: (message: z.output<M>, context: SqsContext<S>) => Promise<unknown> | unknown,
) => {
  const base = baseLoggerFor(options.settings, options.logger);

  return async function sqsHandler(event: SQSEvent, lambda: Context): Promise<SQSBatchResponse> {
    const started = Date.now();
    const records = event.Records ?? [];
    const batch = startInvocation<S>(base, lambda, undefined);
    // Settings and every record's work end at the deadline; reporting failures uses the reserve.
    const deadlineAt = invocationDeadline(lambda, options.deadlineReserveMs);
    const allFailed = (): SQSBatchResponse => ({
      batchItemFailures: records.map((record) => ({ itemIdentifier: record.messageId })),
    });
    try {
      await runWithDeadline(deadlineAt, () => loadSettings(base, options.settings, batch));
    } catch (error) {
      mapError(error, batch.logger);
      batch.logger.warn({ records: records.length, durationMs: Date.now() - started }, 'SQS batch failed whole');
      return allFailed();
    }
    const concurrency =
      typeof options.concurrency === 'function' ? options.concurrency(batch.settings) : (options.concurrency ?? 1);

    const outcomes = await mapWithConcurrency(records, concurrency, async (record) => {
      const correlationId = record.messageAttributes?.correlationId?.stringValue ?? record.messageId;
      const logger = batch.logger.child({ messageId: record.messageId, correlationId });
      const context: SqsContext<S> = {
        ...batch,
        logger,
        correlationId,
        messageId: record.messageId,
        receiveCount: Number(record.attributes?.ApproximateReceiveCount ?? 1),
      };
      try {
        await runWithDeadline(deadlineAt, () => fn(parseRecord(options.message, record), context));
        return true;
      } catch (error) {
        const { response } = mapError(error, logger);
        logger.warn(
          { status: response.status, receiveCount: context.receiveCount },
          'Message failed; SQS will retry it',
        );
        return false;
      }
    });
    const failedRecords = records.filter((_, index) => !outcomes[index]);
    if (options.retryDelay && failedRecords.length > 0)
      await delayRetries(failedRecords, options.retryDelay, batch.logger);
    const batchItemFailures = failedRecords.map((record) => ({ itemIdentifier: record.messageId }));
    batch.logger.info(
      { records: records.length, failed: batchItemFailures.length, durationMs: Date.now() - started },
      'SQS batch handled',
    );
    return { batchItemFailures };
  };
};
