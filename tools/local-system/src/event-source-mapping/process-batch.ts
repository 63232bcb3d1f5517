import type { Message, SQSClient } from '@aws-sdk/client-sqs';
import { deleteMessages } from './delete-messages.js';
import { messageGroupsOf, orderFifoMessages, unreportedAfterFailure, type GroupTracker } from './fifo-batch.js';
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
  /** A FIFO queue: records in group order, and the mapping's groups in flight tracked. */
  fifo?: boolean;
  /** The mapping's message groups in flight (FIFO queues). */
  groups?: GroupTracker;
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

/** Warns about FIFO records a function left unreported after a failure of their group. */
const checkGroupOrder = (context: BatchContext, records: SqsRecord[], failedIds: ReadonlySet<string>): void => {
  if (!context.fifo || failedIds.size === 0) return;
  const unreported = unreportedAfterFailure(records, failedIds);
  if (unreported.length === 0) return;
  context.stats.fifoUnreported += unreported.length;
  context.logger.warn(
    {
      functionName: context.functionName,
      queueUrl: context.queueUrl,
      messageIds: unreported.map((record) => record.messageId),
    },
    'FIFO records after a failure of their group were not reported failed; deleted as Lambda does, out of order',
  );
};

/** Deletes the records that succeeded and counts the outcome. */
const settle = async (context: BatchContext, records: SqsRecord[], failedIds: Set<string> | undefined) => {
  if (!failedIds) {
    context.stats.failedInvocations += 1;
    context.stats.failed += records.length;
    return;
  }
  checkGroupOrder(context, records, failedIds);
  const done = records.filter((record) => !failedIds.has(record.messageId));
  context.stats.succeeded += done.length;
  context.stats.failed += records.length - done.length;
  const deleted = await deleteMessages(context.sqs, context.queueUrl, done, context.logger);
  context.stats.deleted += deleted;
  context.stats.deleteFailures += done.length - deleted;
};

/** Marks a FIFO batch's groups in flight, warning when the queue handed out a group already in flight. */
const claimGroups = (context: BatchContext, records: SqsRecord[]): string[] => {
  if (!context.fifo || !context.groups) return [];
  const groups = messageGroupsOf(records);
  const overlapping = context.groups.claim(groups);
  if (overlapping.length > 0) {
    context.stats.fifoGroupOverlaps += 1;
    context.logger.warn(
      { functionName: context.functionName, queueUrl: context.queueUrl, messageGroupIds: overlapping },
      'the queue delivered messages of a group already in flight (is the visibility timeout shorter than the invocation?)',
    );
  }
  return groups;
};

/**
 * Handles one batch as Lambda's SQS event source does:
 * 1. builds the event (FIFO: records in group order, see {@link orderFifoMessages}) and invokes
 *    the function once;
 * 2. on a function error, invoke failure, timeout or malformed response, deletes nothing;
 * 3. otherwise deletes every record but those reported in `batchItemFailures`;
 * 4. counts it all in `context.stats`.
 * Records left alone become visible again after the queue's visibility timeout, with a higher
 * receive count, and go to the dead-letter queue under the queue's redrive policy. On a FIFO
 * queue they stay in flight until then, and SQS delivers nothing more of their group meanwhile:
 * the mapper never shortens their visibility, so a failed group stays blocked as on AWS.
 *
 * @example
 * await processBatch(context, messages);
 */
export const processBatch = async (context: BatchContext, messages: Message[]): Promise<void> => {
  const ordered = context.fifo ? orderFifoMessages(messages) : messages;
  const records = ordered.map((message) => toSqsRecord(message, context.queueArn));
  const groups = claimGroups(context, records);
  try {
    context.stats.invocations += 1;
    await settle(context, records, await failedRecordIds(context, records));
  } finally {
    context.groups?.release(groups);
  }
};
