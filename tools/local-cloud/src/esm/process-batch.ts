import type { Message, SQSClient } from '@aws-sdk/client-sqs';
import { deleteMessages } from './delete-messages.js';
import type { LambdaInvoker } from './lambda-invoker.js';
import { parseBatchResponse } from './parse-batch-response.js';
import { toSqsRecord, type SqsRecord } from './sqs-event.js';
import type { EventSourceMappingLogger, EventSourceMappingStats } from './types.js';

/** What {@link processBatch} needs of its mapping. */
export interface BatchContext {
  sqs: SQSClient;
  queueUrl: string;
  queueArn: string;
  functionName: string;
  invoker: LambdaInvoker;
  reportBatchItemFailures: boolean;
  logger: EventSourceMappingLogger;
  stats: EventSourceMappingStats;
}

/** The ids of the records to leave on the queue, or `undefined` when the whole batch failed (logged). */
const failedRecordIds = async (context: BatchContext, records: SqsRecord[]): Promise<Set<string> | undefined> => {
  const outcome = await context.invoker.invoke({ Records: records });
  const details = { functionName: context.functionName, queueUrl: context.queueUrl, records: records.length };
  if (!outcome.ok) {
    context.logger.warn(
      { ...details, reason: outcome.reason },
      'invocation failed; the batch returns after the visibility timeout',
    );
    return undefined;
  }
  if (!context.reportBatchItemFailures) return new Set();
  const verdict = parseBatchResponse(outcome.payload, new Set(records.map((record) => record.messageId)));
  if ('malformed' in verdict) {
    context.logger.warn(
      { ...details, reason: verdict.malformed },
      'malformed batchItemFailures; the whole batch failed',
    );
    return undefined;
  }
  return verdict.failedIds;
};

/**
 * Handles one batch as Lambda's SQS event source does:
 * 1. builds the event and invokes the function once;
 * 2. on a function error, invoke failure, timeout or malformed response, deletes nothing;
 * 3. otherwise deletes every record but those reported in `batchItemFailures`;
 * 4. counts it all in `context.stats`.
 * Records left alone become visible again after the queue's visibility timeout, with a higher
 * receive count, and go to the dead-letter queue under the queue's redrive policy.
 *
 * @example
 * await processBatch(context, messages);
 */
export const processBatch = async (context: BatchContext, messages: Message[]): Promise<void> => {
  const records = messages.map((message) => toSqsRecord(message, context.queueArn));
  context.stats.invocations += 1;
  const failedIds = await failedRecordIds(context, records);
  if (!failedIds) {
    context.stats.failedInvocations += 1;
    context.stats.failed += records.length;
    return;
  }
  const done = records.filter((record) => !failedIds.has(record.messageId));
  context.stats.succeeded += done.length;
  context.stats.failed += records.length - done.length;
  const deleted = await deleteMessages(context.sqs, context.queueUrl, done, context.logger);
  context.stats.deleted += deleted;
  context.stats.deleteFailures += done.length - deleted;
};
