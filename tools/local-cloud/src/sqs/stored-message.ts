import type { MessageAttributeMap } from './sqs-types.js';

/**
 * Where a message is in its life: waiting out its delay, ready to receive, received and hidden
 * until its visibility timeout, or gone (deleted, expired, purged, moved to a dead-letter queue).
 */
export type MessageState = 'delayed' | 'visible' | 'inflight' | 'gone';

/** The immutable content of a message, shared by the copy a dead-letter queue receives. */
export interface MessageContent {
  readonly id: string;
  readonly body: string;
  readonly md5OfBody: string;
  readonly attributes: MessageAttributeMap | undefined;
  readonly md5OfAttributes: string | undefined;
  readonly systemAttributes: MessageAttributeMap | undefined;
  readonly senderId: string;
  /** Epoch ms of the original send; retention counts from it, in a dead-letter queue too. */
  readonly sentAt: number;
  /** ARN of the queue the message was redriven from, once in a dead-letter queue. */
  readonly deadLetterQueueSourceArn?: string;
  /** MessageGroupId: required by FIFO queues, accepted by standard ones (fair queues). */
  readonly groupId?: string;
  /** FIFO only: the deduplication id given, or the body's SHA-256 with content-based deduplication. */
  readonly deduplicationId?: string;
  /** FIFO only: assigned by the queue when it accepts the message. */
  readonly sequenceNumber?: string;
}

/** A message held by a queue, with its mutable delivery state. */
export interface StoredMessage {
  readonly content: MessageContent;
  state: MessageState;
  /** Bumped on every state change, so stale heap and deque entries can be recognised. */
  version: number;
  receiveCount: number;
  firstReceivedAt: number | undefined;
  /** Token of the latest receive; only its receipt handle deletes the message. */
  receiptToken: string | undefined;
}

/** A reference to a message in one of a queue's indexes, valid while the version matches. */
export interface MessageEntry {
  readonly message: StoredMessage;
  readonly version: number;
}

/** A message entry due at a time: the end of a delay or of a visibility timeout. */
export interface TimedMessageEntry extends MessageEntry {
  readonly at: number;
}

/** A new stored message in the given state. */
export const storeMessage = (content: MessageContent, state: MessageState): StoredMessage => ({
  content,
  state,
  version: 0,
  receiveCount: 0,
  firstReceivedAt: undefined,
  receiptToken: undefined,
});

/** Whether an index entry still describes its message. */
export const isCurrent = (entry: MessageEntry): boolean =>
  entry.version === entry.message.version && entry.message.state !== 'gone';
