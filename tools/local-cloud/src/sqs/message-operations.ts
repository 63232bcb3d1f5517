import type { RequestContext } from '../json-service.js';
import { checkFifoToken } from './fifo.js';
import { approximateEntryBytes, draftMessage, sendResult, type SendResult } from './message-draft.js';
import type { QueueRegistry } from './queue-registry.js';
import { decodeReceiptHandle } from './receipt-handle.js';
import { messageRenderer } from './received-message.js';
import { checkBatchEntries, runBatch, type BatchResult } from './sqs-batch.js';
import { batchRequestTooLong, missingParameter } from './sqs-errors.js';
import {
  MAX_MESSAGE_BYTES,
  optionalInteger,
  optionalObjectList,
  optionalString,
  optionalStringList,
  requireString,
  type SqsInput,
} from './sqs-input.js';

const MAX_VISIBILITY_TIMEOUT = 43_200;

const requireVisibilityTimeout = (input: SqsInput): number => {
  const seconds = optionalInteger(input, 'VisibilityTimeout', 0, MAX_VISIBILITY_TIMEOUT);
  if (seconds === undefined) throw missingParameter('VisibilityTimeout');
  return seconds;
};

/** SendMessage: one message, with attributes, delay and (FIFO) group and deduplication. */
export const sendMessage = (registry: QueueRegistry, input: SqsInput, context: RequestContext): SendResult => {
  const queue = registry.byUrl(requireString(input, 'QueueUrl'));
  const draft = draftMessage(input, queue.config, context.accountId);
  return sendResult(draft, queue.send(draft.content, draft.delaySeconds));
};

/** SendMessageBatch: up to ten messages, one result per entry, within one message's size in total. */
export const sendMessageBatch = (
  registry: QueueRegistry,
  input: SqsInput,
  context: RequestContext,
): BatchResult<SendResult> => {
  const queue = registry.byUrl(requireString(input, 'QueueUrl'));
  const entries = optionalObjectList(input, 'Entries');
  checkBatchEntries(entries, 'SendMessageBatchRequestEntry');
  const totalBytes = entries.reduce((sum, entry) => sum + approximateEntryBytes(entry), 0);
  if (totalBytes > MAX_MESSAGE_BYTES) {
    throw batchRequestTooLong(
      `Batch requests cannot be longer than ${MAX_MESSAGE_BYTES} bytes. You have sent ${totalBytes} bytes.`,
    );
  }
  return runBatch(entries, 'SendMessageBatchRequestEntry', (entry) => {
    const draft = draftMessage(entry, queue.config, context.accountId);
    return sendResult(draft, queue.send(draft.content, draft.delaySeconds));
  });
};

/** ReceiveMessage: up to ten messages, hidden for the visibility timeout; waits up to 20 s (long poll). */
export const receiveMessage = async (
  registry: QueueRegistry,
  input: SqsInput,
  context: RequestContext,
): Promise<Record<string, unknown>> => {
  const queue = registry.byUrl(requireString(input, 'QueueUrl'));
  const maxMessages = optionalInteger(input, 'MaxNumberOfMessages', 1, 10) ?? 1;
  const visibilityTimeout = optionalInteger(input, 'VisibilityTimeout', 0, MAX_VISIBILITY_TIMEOUT);
  const waitSeconds = optionalInteger(input, 'WaitTimeSeconds', 0, 20);
  // "This parameter applies only to FIFO (first-in-first-out) queues": ignored on standard ones.
  const attemptId = queue.fifo ? optionalString(input, 'ReceiveRequestAttemptId') : undefined;
  const systemAttributeNames = [
    ...(optionalStringList(input, 'AttributeNames') ?? []),
    ...(optionalStringList(input, 'MessageSystemAttributeNames') ?? []),
  ];
  const messages = await queue.receive({
    maxMessages,
    visibilityTimeout: visibilityTimeout ?? queue.config.visibilityTimeout,
    waitSeconds: waitSeconds ?? queue.config.receiveMessageWaitTimeSeconds,
    signal: context.signal,
    render: messageRenderer(systemAttributeNames, optionalStringList(input, 'MessageAttributeNames')),
    ...(attemptId === undefined ? {} : { attemptId: checkFifoToken('ReceiveRequestAttemptId', attemptId) }),
  });
  return messages.length === 0 ? {} : { Messages: messages };
};

/** DeleteMessage: by receipt handle. */
export const deleteMessage = (registry: QueueRegistry, input: SqsInput): Record<string, unknown> => {
  const queue = registry.byUrl(requireString(input, 'QueueUrl'));
  queue.delete(decodeReceiptHandle(requireString(input, 'ReceiptHandle')));
  return {};
};

/** DeleteMessageBatch: up to ten receipt handles, one result per entry. */
export const deleteMessageBatch = (registry: QueueRegistry, input: SqsInput): BatchResult<object> => {
  const queue = registry.byUrl(requireString(input, 'QueueUrl'));
  return runBatch(optionalObjectList(input, 'Entries'), 'DeleteMessageBatchRequestEntry', (entry) => {
    queue.delete(decodeReceiptHandle(requireString(entry, 'ReceiptHandle')));
    return {};
  });
};

/** ChangeMessageVisibility: a received message's new visibility timeout. */
export const changeMessageVisibility = (registry: QueueRegistry, input: SqsInput): Record<string, unknown> => {
  const queue = registry.byUrl(requireString(input, 'QueueUrl'));
  const handle = decodeReceiptHandle(requireString(input, 'ReceiptHandle'));
  queue.changeVisibility(handle, requireVisibilityTimeout(input));
  return {};
};

/** ChangeMessageVisibilityBatch: up to ten, one result per entry. */
export const changeMessageVisibilityBatch = (registry: QueueRegistry, input: SqsInput): BatchResult<object> => {
  const queue = registry.byUrl(requireString(input, 'QueueUrl'));
  return runBatch(optionalObjectList(input, 'Entries'), 'ChangeMessageVisibilityBatchRequestEntry', (entry) => {
    const handle = decodeReceiptHandle(requireString(entry, 'ReceiptHandle'));
    queue.changeVisibility(handle, requireVisibilityTimeout(entry));
    return {};
  });
};
