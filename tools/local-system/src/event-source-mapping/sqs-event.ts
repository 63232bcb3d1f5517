import { createHash } from 'node:crypto';
import type { Message, MessageAttributeValue } from '@aws-sdk/client-sqs';

/** One message attribute as Lambda presents it: binary values base64-encoded, lists always present. */
export interface SqsRecordMessageAttribute {
  stringValue?: string;
  binaryValue?: string;
  stringListValues: string[];
  binaryListValues: string[];
  dataType: string;
}

/** The system attributes Lambda passes on (the FIFO ones, `AWSTraceHeader` and `DeadLetterQueueSourceArn` only when set). */
export interface SqsRecordAttributes {
  ApproximateReceiveCount: string;
  SentTimestamp: string;
  SenderId: string;
  ApproximateFirstReceiveTimestamp: string;
  SequenceNumber?: string;
  MessageGroupId?: string;
  MessageDeduplicationId?: string;
  AWSTraceHeader?: string;
  DeadLetterQueueSourceArn?: string;
}

/** One record of an SQS event, exactly as AWS Lambda builds it. */
export interface SqsRecord {
  messageId: string;
  receiptHandle: string;
  body: string;
  attributes: SqsRecordAttributes;
  messageAttributes: Record<string, SqsRecordMessageAttribute>;
  md5OfMessageAttributes?: string;
  md5OfBody: string;
  eventSource: 'aws:sqs';
  eventSourceARN: string;
  awsRegion: string;
}

/** The event a Lambda function with an SQS event source receives. */
export interface SqsEvent {
  Records: SqsRecord[];
}

const OPTIONAL_ATTRIBUTES = [
  'SequenceNumber',
  'MessageGroupId',
  'MessageDeduplicationId',
  'AWSTraceHeader',
  'DeadLetterQueueSourceArn',
] as const;

const base64 = (bytes: Uint8Array): string => Buffer.from(bytes).toString('base64');

const toRecordAttribute = (value: MessageAttributeValue): SqsRecordMessageAttribute => ({
  ...(value.StringValue === undefined ? {} : { stringValue: value.StringValue }),
  ...(value.BinaryValue === undefined ? {} : { binaryValue: base64(value.BinaryValue) }),
  stringListValues: value.StringListValues ?? [],
  binaryListValues: (value.BinaryListValues ?? []).map(base64),
  dataType: value.DataType ?? 'String',
});

const toRecordAttributes = (attributes: Record<string, string>): SqsRecordAttributes => {
  const result: SqsRecordAttributes = {
    ApproximateReceiveCount: attributes.ApproximateReceiveCount ?? '1',
    SentTimestamp: attributes.SentTimestamp ?? '',
    SenderId: attributes.SenderId ?? '',
    ApproximateFirstReceiveTimestamp: attributes.ApproximateFirstReceiveTimestamp ?? '',
  };
  for (const name of OPTIONAL_ATTRIBUTES) {
    const value = attributes[name];
    if (value !== undefined) result[name] = value;
  }
  return result;
};

/**
 * Builds the Lambda record for a message received with all system and message attributes.
 * The region is the queue ARN's, as AWS reports the queue's region, not the caller's.
 *
 * @example
 * const event: SqsEvent = { Records: messages.map((message) => toSqsRecord(message, queueArn)) };
 */
export const toSqsRecord = (message: Message, queueArn: string): SqsRecord => {
  const body = message.Body ?? '';
  const attributes = Object.entries(message.MessageAttributes ?? {});
  return {
    messageId: message.MessageId ?? '',
    receiptHandle: message.ReceiptHandle ?? '',
    body,
    attributes: toRecordAttributes(message.Attributes ?? {}),
    messageAttributes: Object.fromEntries(attributes.map(([name, value]) => [name, toRecordAttribute(value)])),
    ...(attributes.length > 0 && message.MD5OfMessageAttributes
      ? { md5OfMessageAttributes: message.MD5OfMessageAttributes }
      : {}),
    md5OfBody: message.MD5OfBody ?? createHash('md5').update(body, 'utf8').digest('hex'),
    eventSource: 'aws:sqs',
    eventSourceARN: queueArn,
    awsRegion: queueArn.split(':')[3] ?? '',
  };
};
