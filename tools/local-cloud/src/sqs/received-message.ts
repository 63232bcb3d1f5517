import { md5OfMessageAttributes } from './md5.js';
import { selectMessageAttributes } from './message-attributes.js';
import type { StoredMessage } from './stored-message.js';
import type { ReceivedMessage } from './sqs-types.js';

/** Turns a stored message into ReceiveMessage's shape, given what the request asked for. */
export type MessageRenderer = (message: StoredMessage, receiptHandle: string) => ReceivedMessage;

type SystemAttribute = (message: StoredMessage) => string | undefined;

/** Message system attributes (the FIFO ones when the message has them); timestamps are epoch-millisecond strings. */
const SYSTEM_ATTRIBUTES: Record<string, SystemAttribute> = {
  SenderId: (message) => message.content.senderId,
  SentTimestamp: (message) => String(message.content.sentAt),
  ApproximateReceiveCount: (message) => String(message.receiveCount),
  ApproximateFirstReceiveTimestamp: (message) =>
    message.firstReceivedAt === undefined ? undefined : String(message.firstReceivedAt),
  AWSTraceHeader: (message) => message.content.systemAttributes?.AWSTraceHeader?.StringValue,
  DeadLetterQueueSourceArn: (message) => message.content.deadLetterQueueSourceArn,
  MessageGroupId: (message) => message.content.groupId,
  MessageDeduplicationId: (message) => message.content.deduplicationId,
  SequenceNumber: (message) => message.content.sequenceNumber,
};

const systemAttributes = (message: StoredMessage, names: readonly string[]): Record<string, string> | undefined => {
  const all = names.includes('All');
  let attributes: Record<string, string> | undefined;
  for (const [name, read] of Object.entries(SYSTEM_ATTRIBUTES)) {
    if (!all && !names.includes(name)) continue;
    const value = read(message);
    if (value !== undefined) (attributes ??= {})[name] = value;
  }
  return attributes;
};

/**
 * A renderer for one ReceiveMessage: system attributes by name or `All`; message attributes by
 * name, `All`, `.*` or `prefix.*`, with `MD5OfMessageAttributes` over the attributes returned
 * (which is what the SDKs check it against).
 */
export const messageRenderer = (
  systemAttributeNames: readonly string[],
  messageAttributeNames: readonly string[] | undefined,
): MessageRenderer => {
  return function renderMessage(message, receiptHandle) {
    const { content } = message;
    const received: ReceivedMessage = {
      MessageId: content.id,
      ReceiptHandle: receiptHandle,
      MD5OfBody: content.md5OfBody,
      Body: content.body,
    };
    if (systemAttributeNames.length > 0) {
      const attributes = systemAttributes(message, systemAttributeNames);
      if (attributes) received.Attributes = attributes;
    }
    const selected = selectMessageAttributes(content.attributes, messageAttributeNames);
    if (selected) {
      received.MessageAttributes = selected;
      received.MD5OfMessageAttributes =
        selected === content.attributes ? content.md5OfAttributes : md5OfMessageAttributes(selected);
    }
    return received;
  };
};
