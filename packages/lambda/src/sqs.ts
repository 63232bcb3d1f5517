import type { Context, SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import * as z from 'zod/mini';
import { BadRequestError } from '@platform/response';
import { useEnglishMessages } from '@platform/settings';
import type { InvocationLogger } from '@platform/logger';
import { runWithDeadline, withinDeadline } from '@platform/deadline';
import { lifecycle } from './lifecycle.js';
import { mapError } from './map-error.js';
import { mapWithConcurrency } from './map-with-concurrency.js';
import { delayRetries, type RetryDelay } from './retry-delay.js';
import { isFifoBatch, processFifoBatch, type FifoFailureScope } from './sqs-fifo.js';
import type { AdapterOptions, ErrorMapper, HandlerContext, PlatformSettings } from './types.js';

useEnglishMessages();

/** What an sqs handler function receives besides the message. */
export interface SqsContext<S> extends HandlerContext<S> {
  messageId: string;
  /** How many times SQS has delivered this message (1 on the first delivery). */
  receiveCount: number;
  /** FIFO queues only: the record's message group. */
  messageGroupId?: string;
  /** FIFO queues only: the record's place in its group, a large integer as a string. */
  sequenceNumber?: string;
}

/** Options of {@link sqs}. */
export interface SqsOptions<S extends PlatformSettings, M extends z.core.$ZodType> extends AdapterOptions<S> {
  /** Validates the message body (parsed as JSON): any Zod 4 schema, zod/mini or classic. */
  message: M;
  /** Records processed at once; a number or derived from settings. Default 1 (one at a time). */
  concurrency?: number | ((settings: S) => number);
  /**
   * When a failed record comes back: seconds by receive count (e.g. `exponentialRetryDelay(2, 300)`).
   * Default: after the queue's visibility timeout. Needs `sqs:GetQueueUrl` and
   * `sqs:ChangeMessageVisibility` on the queue.
   */
  retryDelay?: RetryDelay;
  /**
   * FIFO queues only: how far a failed record stops the batch. `'group'` (default): the failed
   * record and every later record of its message group are reported failed unprocessed, other
   * groups go on. `'batch'`: nothing starts after the first failure (AWS's literal guidance).
   */
  fifoFailureScope?: FifoFailureScope;
}

const parseRecord = <M extends z.core.$ZodType>(schema: M, record: SQSRecord): z.output<M> => {
  let body: unknown;
  try {
    body = JSON.parse(record.body);
  } catch {
    throw new BadRequestError('Message body is not valid JSON');
  }
  const result = z.safeParse(schema, body);
  if (!result.success) {
    const summary = result.error.issues
      .map((i) => `${i.path.map(String).join('.') || '(body)'}: ${i.message}`)
      .join('; ');
    throw new BadRequestError(`Invalid message: ${summary}`);
  }
  return result.data;
};

/**
 * Logs why a record failed. A thrown value the logger itself cannot serialise (a getter that
 * throws) is logged without it: the batch must still be answered, or Lambda replays all of it.
 */
const logFailure = (
  error: unknown,
  logger: InvocationLogger,
  receiveCount: number,
  errors: ErrorMapper | undefined,
): void => {
  try {
    const { response } = mapError(error, logger, undefined, errors);
    logger.warn({ status: response.status, receiveCount }, 'Message failed; SQS will retry it');
  } catch {
    logger.error({ receiveCount }, 'Message failed with an error that cannot be logged; SQS will retry it');
  }
};

/** What {@link recordProcessor} needs of its invocation. */
interface RecordProcessorInput<S extends PlatformSettings, M extends z.core.$ZodType> {
  options: SqsOptions<S, M>;
  fn: (message: z.output<M>, context: SqsContext<S>) => Promise<unknown> | unknown;
  batch: HandlerContext<S>;
  deadlineAt: number;
  fifo: boolean;
}

/** Handles one record in isolation: `true` when its function succeeded, `false` (logged) otherwise. */
const recordProcessor = <S extends PlatformSettings, M extends z.core.$ZodType>({
  options,
  fn,
  batch,
  deadlineAt,
  fifo,
}: RecordProcessorInput<S, M>) =>
  async function processRecord(record: SQSRecord): Promise<boolean> {
    const correlationId = record.messageAttributes?.correlationId?.stringValue ?? record.messageId;
    const groupId = fifo ? record.attributes?.MessageGroupId : undefined;
    const sequenceNumber = fifo ? record.attributes?.SequenceNumber : undefined;
    const logger = batch.logger.child({
      messageId: record.messageId,
      correlationId,
      ...(groupId === undefined ? {} : { messageGroupId: groupId }),
    });
    const context: SqsContext<S> = {
      ...batch,
      logger,
      correlationId,
      messageId: record.messageId,
      receiveCount: Number(record.attributes?.ApproximateReceiveCount ?? 1),
      ...(groupId === undefined ? {} : { messageGroupId: groupId }),
      ...(sequenceNumber === undefined ? {} : { sequenceNumber }),
    };
    const work = () => fn(parseRecord(options.message, record), context);
    try {
      // A FIFO group waits on each record before starting its next one, so a record that hangs
      // without watching the deadline is abandoned there (failed, its group stopped) rather than
      // holding the invocation past Lambda's timeout, which would fail and replay every group.
      await runWithDeadline(
        deadlineAt,
        fifo ? () => withinDeadline((async () => work())(), 'The message handler') : work,
      );
      return true;
    } catch (error) {
      logFailure(error, logger, context.receiveCount, options.errors);
      return false;
    }
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
 * FIFO batches (a `.fifo` queue ARN or records with a `MessageGroupId`) run each message group in
 * order, one record at a time, groups side by side within `concurrency`; a failure stops its
 * group and reports the rest of it unprocessed (see {@link processFifoBatch} and
 * `fifoFailureScope`).
 *
 * @example
 * export const handler = sqs({ settings, message: riskUpdateSchema }, async (update, ctx) =>
 *   applyRiskUpdate(deps(ctx.settings), update));
 */
export const sqs = <S extends PlatformSettings, M extends z.core.$ZodType>(
  options: SqsOptions<S, M>,
  fn: (message: z.output<M>, context: SqsContext<S>) => Promise<unknown> | unknown,
) => {
  const life = lifecycle(options);

  return async function sqsHandler(event: SQSEvent, lambda: Context): Promise<SQSBatchResponse> {
    const records = event.Records ?? [];
    const invocation = life.start(lambda, undefined);
    const batch = invocation.context;
    // Settings and every record's work end at the deadline; reporting failures uses the reserve.
    const { deadlineAt } = invocation;
    const allFailed = (): SQSBatchResponse => ({
      batchItemFailures: records.map((record) => ({ itemIdentifier: record.messageId })),
    });
    try {
      await life.run(invocation, () => undefined);
    } catch (error) {
      mapError(error, batch.logger);
      batch.logger.warn({ records: records.length, durationMs: invocation.elapsedMs() }, 'SQS batch failed whole');
      life.finish(invocation, { status: 'unavailable', counts: { RecordsFailed: records.length } });
      return allFailed();
    }
    const concurrency =
      typeof options.concurrency === 'function' ? options.concurrency(batch.settings) : (options.concurrency ?? 1);

    const fifo = isFifoBatch(records);
    const processRecord = recordProcessor({ options, fn, batch, deadlineAt, fifo });
    let outcomes: boolean[];
    if (fifo) {
      const fifoOutcomes = await processFifoBatch(
        records,
        { concurrency, failureScope: options.fifoFailureScope ?? 'group' },
        processRecord,
      );
      const skipped = fifoOutcomes.filter((outcome) => outcome === 'skipped').length;
      if (skipped > 0)
        batch.logger.warn({ skipped }, 'FIFO records after a failure in their group returned unprocessed, in order');
      outcomes = fifoOutcomes.map((outcome) => outcome === 'succeeded');
    } else {
      outcomes = await mapWithConcurrency(records, concurrency, processRecord);
    }
    const failedRecords = records.filter((_, index) => !outcomes[index]);
    if (options.retryDelay && failedRecords.length > 0)
      await delayRetries(failedRecords, options.retryDelay, batch.logger);
    const batchItemFailures = failedRecords.map((record) => ({ itemIdentifier: record.messageId }));
    batch.logger.info(
      { records: records.length, failed: batchItemFailures.length, durationMs: invocation.elapsedMs() },
      'SQS batch handled',
    );
    life.finish(invocation, {
      counts: {
        RecordsProcessed: records.length - failedRecords.length,
        RecordsFailed: failedRecords.length,
        // Delivered before: SQS retried them (after a failure, or a visibility timeout).
        RecordsRetried: records.filter((record) => Number(record.attributes?.ApproximateReceiveCount ?? 1) > 1).length,
      },
    });
    return { batchItemFailures };
  };
};
