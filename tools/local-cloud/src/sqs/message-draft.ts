import { randomUUID } from 'node:crypto';
import { md5Hex, md5OfMessageAttributes } from './md5.js';
import { parseMessageAttributes, parseSystemAttributes } from './message-attributes.js';
import type { AwsError } from '../aws-error.js';
import { checkFifoToken, deduplicationIdOf, type AcceptedSend } from './fifo.js';
import type { FifoConfig, QueueConfig } from './queue-attributes.js';
import { invalidParameterValue, missingParameter } from './sqs-errors.js';
import type { MessageContent } from './stored-message.js';
import { messageTooLong, optionalInteger, optionalString, validateMessageBody } from './sqs-input.js';

/** A validated message, ready for a queue. */
export interface MessageDraft {
  content: MessageContent;
  /** Per-message delay; the queue's DelaySeconds applies when undefined. */
  delaySeconds: number | undefined;
}

/** What SendMessage (and each SendMessageBatch entry) answers. */
export interface SendResult {
  MessageId: string;
  MD5OfMessageBody: string;
  MD5OfMessageAttributes?: string;
  MD5OfMessageSystemAttributes?: string;
  SequenceNumber?: string;
}

const notForThisQueueType = (name: string, value: unknown): AwsError =>
  invalidParameterValue(
    `Value ${String(value)} for parameter ${name} is invalid. Reason: The request include parameter that is not valid for this queue type.`,
  );

/**
 * The FIFO parameters of a send. A FIFO queue needs MessageGroupId, and MessageDeduplicationId
 * unless it deduplicates by content; it takes no per-message DelaySeconds ("you can't set
 * DelaySeconds per message ... only on a queue level"; 0 is accepted, as it changes nothing).
 * A standard queue takes a MessageGroupId (fair queues) but no MessageDeduplicationId.
 */
const fifoParameters = (
  input: Record<string, unknown>,
  body: string,
  delaySeconds: number | undefined,
  fifo: FifoConfig | undefined,
): { groupId?: string; deduplicationId?: string } => {
  const groupId = optionalString(input, 'MessageGroupId');
  const givenDeduplicationId = optionalString(input, 'MessageDeduplicationId');
  if (groupId !== undefined) checkFifoToken('MessageGroupId', groupId);
  if (givenDeduplicationId !== undefined) checkFifoToken('MessageDeduplicationId', givenDeduplicationId);
  if (fifo === undefined) {
    if (givenDeduplicationId !== undefined) throw notForThisQueueType('MessageDeduplicationId', givenDeduplicationId);
    return groupId === undefined ? {} : { groupId };
  }
  if (groupId === undefined) throw missingParameter('MessageGroupId');
  if (delaySeconds !== undefined && delaySeconds !== 0) throw notForThisQueueType('DelaySeconds', delaySeconds);
  const deduplicationId = deduplicationIdOf(body, givenDeduplicationId, fifo);
  if (deduplicationId === undefined) {
    throw invalidParameterValue(
      'The queue should either have ContentBasedDeduplication enabled or MessageDeduplicationId provided explicitly',
    );
  }
  return { groupId, deduplicationId };
};

/**
 * Validates a SendMessage request (or batch entry) for a queue and builds the message: body
 * characters, attributes, DelaySeconds, the FIFO parameters, and body + attributes no larger than
 * the queue's MaximumMessageSize.
 *
 * @throws AwsError `MissingParameter`, `InvalidMessageContents` or `InvalidParameterValue`.
 */
export const draftMessage = (input: Record<string, unknown>, queue: QueueConfig, senderId: string): MessageDraft => {
  const body = validateMessageBody(input);
  const delaySeconds = optionalInteger(input, 'DelaySeconds', 0, 900);
  const attributes = parseMessageAttributes(input.MessageAttributes);
  const systemAttributes = parseSystemAttributes(input.MessageSystemAttributes);
  const { maximumMessageSize } = queue;
  if (Buffer.byteLength(body, 'utf8') + attributes.bytes > maximumMessageSize) throw messageTooLong(maximumMessageSize);
  const fifo = fifoParameters(input, body, delaySeconds, queue.fifo);
  return {
    content: {
      id: randomUUID(),
      body,
      md5OfBody: md5Hex(body),
      attributes: attributes.attributes,
      md5OfAttributes: md5OfMessageAttributes(attributes.attributes),
      systemAttributes: systemAttributes.attributes,
      senderId,
      sentAt: Date.now(),
      ...fifo,
    },
    delaySeconds: queue.fifo ? undefined : delaySeconds,
  };
};

/** The SendMessage answer for a draft the queue accepted (a FIFO duplicate gets the first send's id and number). */
export const sendResult = ({ content }: MessageDraft, accepted: AcceptedSend | undefined): SendResult => {
  const result: SendResult = { MessageId: accepted?.id ?? content.id, MD5OfMessageBody: content.md5OfBody };
  if (accepted?.sequenceNumber !== undefined) result.SequenceNumber = accepted.sequenceNumber;
  if (content.md5OfAttributes) result.MD5OfMessageAttributes = content.md5OfAttributes;
  const md5OfSystemAttributes = md5OfMessageAttributes(content.systemAttributes);
  if (md5OfSystemAttributes) result.MD5OfMessageSystemAttributes = md5OfSystemAttributes;
  return result;
};

/** Bytes an entry counts towards a batch's total: body plus attribute names, types and values. */
export const approximateEntryBytes = (entry: Record<string, unknown>): number => {
  let bytes = typeof entry.MessageBody === 'string' ? Buffer.byteLength(entry.MessageBody, 'utf8') : 0;
  const attributes = entry.MessageAttributes;
  if (attributes && typeof attributes === 'object') {
    for (const [name, value] of Object.entries(attributes as Record<string, Record<string, unknown>>)) {
      bytes += Buffer.byteLength(name);
      if (value && typeof value === 'object') {
        for (const field of ['DataType', 'StringValue'] as const) {
          const text = value[field];
          if (typeof text === 'string') bytes += Buffer.byteLength(text);
        }
        if (typeof value.BinaryValue === 'string') bytes += Math.floor((value.BinaryValue.length * 3) / 4);
      }
    }
  }
  return bytes;
};
