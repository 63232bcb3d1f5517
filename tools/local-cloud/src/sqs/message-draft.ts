import { randomUUID } from 'node:crypto';
import { md5Hex, md5OfMessageAttributes } from './md5.js';
import { parseMessageAttributes, parseSystemAttributes } from './message-attributes.js';
import type { MessageContent } from './stored-message.js';
import { messageTooLong, optionalInteger, validateMessageBody } from './sqs-validation.js';

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
}

/**
 * Validates a SendMessage request (or batch entry) and builds the message: body characters,
 * attributes, DelaySeconds, and body + attributes no larger than the queue's MaximumMessageSize.
 *
 * @throws AwsError `MissingParameter`, `InvalidMessageContents` or `InvalidParameterValue`.
 */
export const draftMessage = (
  input: Record<string, unknown>,
  maximumMessageSize: number,
  senderId: string,
): MessageDraft => {
  const body = validateMessageBody(input);
  const delaySeconds = optionalInteger(input, 'DelaySeconds', 0, 900);
  const attributes = parseMessageAttributes(input.MessageAttributes);
  const systemAttributes = parseSystemAttributes(input.MessageSystemAttributes);
  if (Buffer.byteLength(body, 'utf8') + attributes.bytes > maximumMessageSize) throw messageTooLong(maximumMessageSize);
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
    },
    delaySeconds,
  };
};

/** The SendMessage answer for a stored draft. */
export const sendResult = ({ content }: MessageDraft): SendResult => {
  const result: SendResult = { MessageId: content.id, MD5OfMessageBody: content.md5OfBody };
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
