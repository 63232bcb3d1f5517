import { deadlinePassed } from '@platform/deadline';
import {
  SendMessageBatchCommand,
  type MessageAttributeValue,
  type SQSClient,
  type SendMessageBatchRequestEntry,
} from '@aws-sdk/client-sqs';
import { sqsClient } from './clients.js';
import { fullJitterDelay, sleep } from './backoff.js';
import { InvalidMessageError } from './errors.js';

/** One message to send. Non-string bodies are sent as JSON. */
export interface OutgoingMessage {
  body: unknown;
  /** String or number message attributes (e.g. a correlation id). */
  attributes?: Record<string, string | number>;
  delaySeconds?: number;
}

/** A message that could not be sent, with the last reason. */
export interface FailedMessage {
  /** Position in the array given to `sendMessages`. */
  index: number;
  message: OutgoingMessage;
  code: string;
  reason: string;
  /** True when SQS blamed the message itself (retrying it cannot help). */
  senderFault: boolean;
}

/** What `sendMessages` did: how many were sent, and which finally failed. */
export interface SendMessagesResult {
  sent: number;
  failed: FailedMessage[];
}

/** Options for {@link sendMessages}. */
export interface SendMessagesOptions {
  client?: SQSClient;
  /** Attempts per message including the first. Default 4. */
  maxAttempts?: number;
  baseDelayMs?: number;
  maxDelayMs?: number;
}

const DEFAULTS = { maxAttempts: 4, baseDelayMs: 50, maxDelayMs: 2_000 } as const;
const MAX_ENTRIES = 10;
const MAX_BATCH_BYTES = 256 * 1024;

interface Pending {
  index: number;
  entry: SendMessageBatchRequestEntry;
  bytes: number;
}

const toEntry = (message: OutgoingMessage, index: number): Pending => {
  const body = typeof message.body === 'string' ? message.body : JSON.stringify(message.body);
  if (typeof body !== 'string')
    throw new InvalidMessageError(`message ${index} has a body that cannot be sent as JSON`);
  const attributes: Record<string, MessageAttributeValue> = {};
  let bytes = Buffer.byteLength(body);
  for (const [name, value] of Object.entries(message.attributes ?? {})) {
    const text = String(value);
    attributes[name] = { DataType: typeof value === 'number' ? 'Number' : 'String', StringValue: text };
    bytes += Buffer.byteLength(name) + Buffer.byteLength(text) + 6;
  }
  const entry: SendMessageBatchRequestEntry = {
    Id: `m${index}`,
    MessageBody: body,
    ...(Object.keys(attributes).length > 0 ? { MessageAttributes: attributes } : {}),
    ...(message.delaySeconds === undefined ? {} : { DelaySeconds: message.delaySeconds }),
  };
  return { index, entry, bytes };
};

/** Groups entries into batches of at most 10 entries and 256 KiB. */
const toBatches = (pending: Pending[]): Pending[][] => {
  const batches: Pending[][] = [];
  let current: Pending[] = [];
  let size = 0;
  for (const item of pending) {
    if (current.length === MAX_ENTRIES || (current.length > 0 && size + item.bytes > MAX_BATCH_BYTES)) {
      batches.push(current);
      current = [];
      size = 0;
    }
    current.push(item);
    size += item.bytes;
  }
  if (current.length > 0) batches.push(current);
  return batches;
};

const errorCode = (error: unknown): string => (error instanceof Error ? error.name : 'UnknownError');

/**
 * Sends messages in batches of 10 (SQS's limit) and retries the entries that failed for reasons
 * other than their own content, with jittered exponential back-off. Never throws for a send
 * failure: the result lists what finally failed so the caller decides (fail the batch item,
 * log, ...).
 *
 * @example
 * const { sent, failed } = await sendMessages(queueUrl, companies.map((id) => ({ body: { companyId: id } })));
 * if (failed.length > 0) logger.error({ failed }, 'some refresh requests were not sent');
 */
export const sendMessages = async (
  queueUrl: string,
  messages: readonly OutgoingMessage[],
  options: SendMessagesOptions = {},
): Promise<SendMessagesResult> => {
  const { maxAttempts, baseDelayMs, maxDelayMs } = { ...DEFAULTS, ...options };
  const client = options.client ?? sqsClient();
  const failed: FailedMessage[] = [];
  const failure = (item: Pending, code: string, reason: string, senderFault: boolean): FailedMessage => ({
    index: item.index,
    message: messages[item.index] as OutgoingMessage,
    code,
    reason,
    senderFault,
  });
  let pending: Pending[] = [];
  for (const item of messages.map(toEntry)) {
    if (item.bytes <= MAX_BATCH_BYTES) pending.push(item);
    else
      failed.push(
        failure(item, 'MessageTooLong', `message is ${item.bytes} bytes; SQS takes at most ${MAX_BATCH_BYTES}`, true),
      );
  }
  let sent = 0;

  for (let attempt = 1; pending.length > 0; attempt += 1) {
    const retry: FailedMessage[] = [];
    const items = new Map<number, Pending>();
    for (const batch of toBatches(pending)) {
      try {
        const output = await client.send(
          new SendMessageBatchCommand({ QueueUrl: queueUrl, Entries: batch.map((item) => item.entry) }),
        );
        sent += output.Successful?.length ?? 0;
        for (const entry of output.Failed ?? []) {
          const item = batch.find((candidate) => candidate.entry.Id === entry.Id);
          if (!item) continue;
          const failedEntry = failure(
            item,
            entry.Code ?? 'Unknown',
            entry.Message ?? 'no reason given',
            !!entry.SenderFault,
          );
          if (failedEntry.senderFault) failed.push(failedEntry);
          else {
            retry.push(failedEntry);
            items.set(item.index, item);
          }
        }
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        for (const item of batch) {
          retry.push(failure(item, errorCode(error), reason, false));
          items.set(item.index, item);
        }
      }
    }
    if (retry.length === 0) break;
    // Out of the invocation's time, another attempt would only fail the same way.
    if (attempt >= maxAttempts || deadlinePassed()) {
      failed.push(...retry);
      break;
    }
    pending = retry.map((entry) => items.get(entry.index) as Pending);
    await sleep(fullJitterDelay(attempt, { baseDelayMs, maxDelayMs }));
  }
  return { sent, failed: failed.sort((a, b) => a.index - b.index) };
};
