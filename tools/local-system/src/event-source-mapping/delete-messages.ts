import { DeleteMessageBatchCommand, type SQSClient } from '@aws-sdk/client-sqs';
import { describeError, type EventSourceMappingLogger } from './types.js';

/** The most entries one `DeleteMessageBatch` takes. */
const MAX_BATCH_ENTRIES = 10;

/** A message to delete. */
export interface ReceivedMessage {
  messageId: string;
  receiptHandle: string;
}

/**
 * Deletes messages in `DeleteMessageBatch` calls of ten, and returns how many were deleted.
 * Never throws: a message that could not be deleted is logged and comes back after the
 * visibility timeout, which at-least-once consumers tolerate.
 *
 * @example
 * const deleted = await deleteMessages(sqs, queueUrl, [{ messageId, receiptHandle }], logger);
 */
export const deleteMessages = async (
  sqs: SQSClient,
  queueUrl: string,
  messages: readonly ReceivedMessage[],
  logger: EventSourceMappingLogger,
): Promise<number> => {
  const chunks: ReceivedMessage[][] = [];
  for (let start = 0; start < messages.length; start += MAX_BATCH_ENTRIES) {
    chunks.push(messages.slice(start, start + MAX_BATCH_ENTRIES));
  }
  const deleteChunk = async function deleteChunk(chunk: ReceivedMessage[]): Promise<number> {
    try {
      const entries = chunk.map((message, index) => ({ Id: String(index), ReceiptHandle: message.receiptHandle }));
      const result = await sqs.send(new DeleteMessageBatchCommand({ QueueUrl: queueUrl, Entries: entries }));
      for (const failure of result.Failed ?? []) {
        const messageId = chunk[Number(failure.Id)]?.messageId;
        logger.warn({ queueUrl, messageId, code: failure.Code, reason: failure.Message }, 'could not delete a message');
      }
      return result.Successful?.length ?? 0;
    } catch (error) {
      const messageIds = chunk.map((message) => message.messageId);
      logger.warn({ queueUrl, messageIds, error: describeError(error) }, 'could not delete messages');
      return 0;
    }
  };
  const deleted = await Promise.all(chunks.map(deleteChunk));
  return deleted.reduce((sum, count) => sum + count, 0);
};
