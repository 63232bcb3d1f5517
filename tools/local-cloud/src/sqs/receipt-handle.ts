import { randomUUID } from 'node:crypto';
import { receiptHandleIsInvalid } from './sqs-errors.js';

/** What a receipt handle names: a message and the receive that handed it out. */
export interface ReceiptHandle {
  messageId: string;
  /** Unique per receive: only the latest one of a message deletes it. */
  token: string;
}

const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';
const DECODED = new RegExp(`^(${UUID}) (${UUID})$`);

/** A fresh token for one receive of a message. */
export const newReceiptToken = (): string => randomUUID();

/** The opaque string handed to the client. */
export const encodeReceiptHandle = (handle: ReceiptHandle): string =>
  Buffer.from(`${handle.messageId} ${handle.token}`, 'utf8').toString('base64');

/**
 * Reads a receipt handle the client sent back.
 *
 * @throws AwsError `ReceiptHandleIsInvalid` when this service cannot have issued it.
 */
export const decodeReceiptHandle = (text: string): ReceiptHandle => {
  const match = DECODED.exec(Buffer.from(text, 'base64').toString('utf8'));
  if (!match?.[1] || !match[2]) {
    throw receiptHandleIsInvalid(`The input receipt handle "${text}" is not a valid receipt handle.`);
  }
  return { messageId: match[1], token: match[2] };
};
