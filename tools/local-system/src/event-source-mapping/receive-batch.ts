import { ReceiveMessageCommand, type Message, type SQSClient } from '@aws-sdk/client-sqs';
import { MAX_MESSAGE_BYTES } from '@platform/local-cloud';

/** Longest long poll SQS allows. */
const MAX_WAIT_SECONDS = 20;
/** Most messages one `ReceiveMessage` returns. */
const MAX_MESSAGES_PER_RECEIVE = 10;
/** Lambda's limit on a synchronous invocation's payload. */
const MAX_EVENT_BYTES = 6 * 1024 * 1024;
/** A record's fields besides its body, roughly, in bytes of JSON. */
const RECORD_OVERHEAD_BYTES = 1024;
/** The most one received message can add to the event: a body of SQS's largest size, and its record. */
const MAX_RECORD_BYTES = MAX_MESSAGE_BYTES + RECORD_OVERHEAD_BYTES;

/** Options for {@link receiveBatch}. */
export interface ReceiveBatchOptions {
  sqs: SQSClient;
  queueUrl: string;
  batchSize: number;
  maximumBatchingWindowInSeconds: number;
}

/** Messages gathered for one invocation, and the error that cut the gathering short, if any. */
export interface ReceivedBatch {
  messages: Message[];
  error?: unknown;
}

const receive = (
  options: ReceiveBatchOptions,
  max: number,
  waitSeconds: number,
  signal: AbortSignal,
): Promise<Message[]> =>
  options.sqs
    .send(
      new ReceiveMessageCommand({
        QueueUrl: options.queueUrl,
        MaxNumberOfMessages: max,
        WaitTimeSeconds: waitSeconds,
        // Both spellings: endpoints that predate MessageSystemAttributeNames read only the old one.
        AttributeNames: ['All'],
        MessageSystemAttributeNames: ['All'],
        MessageAttributeNames: ['All'],
      }),
      { abortSignal: signal },
    )
    .then((output) => output.Messages ?? []);

/**
 * Gathers one batch as Lambda's pollers do: long-polls until a first message arrives, then, with
 * a batching window, keeps receiving until `batchSize` records, the end of the window (counted
 * from the first message; a receive may overrun it by under a second), or about 6 MB of event.
 * With no window the first receive's messages are the batch. An abort or a failed receive ends
 * the gathering; messages already received are returned either way, so none is held back.
 *
 * @example
 * const { messages, error } = await receiveBatch({ sqs, queueUrl, batchSize: 10, maximumBatchingWindowInSeconds: 0 }, signal);
 */
export const receiveBatch = async (options: ReceiveBatchOptions, signal: AbortSignal): Promise<ReceivedBatch> => {
  const messages: Message[] = [];
  let bytes = 0;
  let deadline: number | undefined;
  while (messages.length < options.batchSize && !signal.aborted) {
    const remainingMs = deadline === undefined ? MAX_WAIT_SECONDS * 1000 : deadline - Date.now();
    // Since SQS takes 1 MiB messages, ten of them could pass Lambda's 6 MB: each receive asks for
    // no more messages than still fit whatever their size (our reading; AWS documents the 6 MB
    // limit of the batch, not how its poller keeps to it), so the event never has to be split.
    const fitting = Math.floor((MAX_EVENT_BYTES - bytes) / MAX_RECORD_BYTES);
    const max = Math.min(MAX_MESSAGES_PER_RECEIVE, options.batchSize - messages.length, fitting);
    if (remainingMs <= 0 || max < 1) break;
    const waitSeconds = Math.min(MAX_WAIT_SECONDS, Math.ceil(remainingMs / 1000));
    try {
      const received = await receive(options, max, waitSeconds, signal);
      messages.push(...received);
      bytes += received.reduce(
        (sum, message) => sum + Buffer.byteLength(message.Body ?? '') + RECORD_OVERHEAD_BYTES,
        0,
      );
    } catch (error) {
      return signal.aborted ? { messages } : { messages, error };
    }
    if (messages.length > 0 && deadline === undefined) {
      if (options.maximumBatchingWindowInSeconds === 0) break;
      deadline = Date.now() + options.maximumBatchingWindowInSeconds * 1000;
    }
  }
  return { messages };
};
