import { MessageStore, type MessageCounts } from './message-store.js';
import { LongPolls } from './long-polls.js';
import { encodeReceiptHandle, newReceiptToken, type ReceiptHandle } from './receipt-handle.js';
import { invalidParameterValue, purgeQueueInProgress } from './sqs-errors.js';
import type { MessageAttributeMap, ReceivedMessage } from './sqs-types.js';
import { FifoGroups, type AcceptedSend } from './fifo.js';
import {
  DEFAULT_FIFO_ATTRIBUTES,
  DEFAULT_QUEUE_ATTRIBUTES,
  toQueueConfig,
  type QueueAttributeValues,
  type QueueConfig,
  type RedrivePolicy,
} from './queue-attributes.js';
import type { MessageContent, MessageState, StoredMessage } from './stored-message.js';

/** What one ReceiveMessage asks of a queue. */
export interface ReceiveRequest {
  maxMessages: number;
  /** Seconds the received messages stay hidden. */
  visibilityTimeout: number;
  /** Seconds to wait for a message when none is visible; 0 answers at once. */
  waitSeconds: number;
  /** Aborted when the client goes away: the receive stops waiting and takes nothing. */
  signal: AbortSignal;
  /** Renders a message for the response at the moment it is received. */
  render(message: StoredMessage, receiptHandle: string): ReceivedMessage;
  /** FIFO only: a retry with the same id within 5 minutes gets the same messages and handles. */
  attemptId?: string;
}

/** Options for {@link Queue}. */
export interface QueueOptions {
  name: string;
  arn: string;
  attributes: QueueAttributeValues;
  /** Finds a dead-letter queue by ARN when a message is redriven. */
  resolveQueue(arn: string): Queue | undefined;
}

const PURGE_INTERVAL_MS = 60_000;
const SWEEP_INTERVAL_MS = 1_000;
/** Attributes that SetQueueAttributes removes when given as an empty string. */
const REMOVED_WHEN_EMPTY = new Set(['Policy', 'RedrivePolicy', 'RedriveAllowPolicy']);

/** A message as {@link Queue.peek} shows it. */
export interface PeekedMessage {
  messageId: string;
  body: string;
  state: MessageState;
  /** Epoch ms of the original send. */
  sentAt: number;
  receiveCount: number;
  attributes?: MessageAttributeMap;
  deadLetterQueueSourceArn?: string;
}

/**
 * One SQS queue, standard or FIFO: receives with visibility timeouts and fresh receipt handles,
 * deletes by the latest handle, redrive to a dead-letter queue, retention, and long polls
 * answered as soon as a message becomes visible (see {@link LongPolls}). A FIFO queue delivers in
 * order within each message group, one group's messages only while none of them is in flight,
 * and deduplicates sends for 5 minutes (see {@link FifoGroups}).
 */
export class Queue {
  readonly name: string;
  readonly arn: string;
  readonly createdAt = Date.now();
  lastModifiedAt = this.createdAt;
  readonly tags = new Map<string, string>();
  #attributes: QueueAttributeValues;
  #config: QueueConfig;
  readonly #resolveQueue: (arn: string) => Queue | undefined;
  readonly #store = new MessageStore();
  readonly #polls = new LongPolls<ReceiveRequest, ReceivedMessage>({
    promoteDue: (now) => this.#store.promoteDue(now),
    hasVisible: () => this.#store.counts.visible > 0,
    take: (request, now) => this.#take(request, now),
    nextDueAt: () => this.#store.nextDueAt(),
  });
  /** Set for a FIFO queue. */
  readonly #fifo: FifoGroups | undefined;
  #lastSweepAt = 0;
  #lastPurgeAt: number | undefined;
  #closed = false;

  constructor(options: QueueOptions) {
    this.name = options.name;
    this.arn = options.arn;
    this.#attributes = new Map(options.attributes);
    this.#config = toQueueConfig(this.#attributes);
    this.#resolveQueue = options.resolveQueue;
    this.#fifo = this.#config.fifo ? new FifoGroups() : undefined;
  }

  /** Whether this is a FIFO queue (its name ends in `.fifo`). */
  get fifo(): boolean {
    return this.#fifo !== undefined;
  }

  /** The typed settings the queue runs with. */
  get config(): QueueConfig {
    return this.#config;
  }

  /** Settable attributes with defaults filled in, canonical strings by name. */
  attributeValues(): Map<string, string> {
    const defaults = this.#fifo ? [...DEFAULT_QUEUE_ATTRIBUTES, ...DEFAULT_FIFO_ATTRIBUTES] : DEFAULT_QUEUE_ATTRIBUTES;
    return new Map([...defaults, ...this.#attributes]);
  }

  /** Whether every given attribute equals the queue's (CreateQueue's idempotency rule). */
  hasAttributes(values: QueueAttributeValues): boolean {
    const current = this.attributeValues();
    return [...values].every(([name, value]) => (current.get(name) ?? '') === value);
  }

  /**
   * Applies SetQueueAttributes. An empty policy removes it: the API reference says so for `Policy`
   * and `RedrivePolicy` ("To remove the policy, set it to an empty string"); `RedriveAllowPolicy`
   * is read the same way, since a queue without one allows every source.
   */
  setAttributes(values: QueueAttributeValues): void {
    for (const [name, value] of values) {
      if (value === '' && REMOVED_WHEN_EMPTY.has(name)) this.#attributes.delete(name);
      else this.#attributes.set(name, value);
    }
    this.#config = toQueueConfig(this.#attributes);
    this.lastModifiedAt = Date.now();
  }

  /** Approximate numbers of visible, in-flight and delayed messages. */
  counts(): MessageCounts {
    const now = Date.now();
    this.#store.promoteDue(now);
    this.#sweep(now, true);
    return this.#store.counts;
  }

  /**
   * Up to `max` of the messages the queue holds, oldest sent first, as they are: nothing is
   * received, hidden or counted (no SQS operation does this; the local console's DLQ view uses it).
   */
  peek(max: number): PeekedMessage[] {
    const now = Date.now();
    this.#store.promoteDue(now); // a due message shows as visible, as counts() reports it
    this.#sweep(now, true);
    const peeked: PeekedMessage[] = [];
    for (const message of this.#store.held()) {
      if (peeked.length >= max) break;
      const { content } = message;
      peeked.push({
        messageId: content.id,
        body: content.body,
        state: message.state,
        sentAt: content.sentAt,
        receiveCount: message.receiveCount,
        ...(content.attributes ? { attributes: content.attributes } : {}),
        ...(content.deadLetterQueueSourceArn ? { deadLetterQueueSourceArn: content.deadLetterQueueSourceArn } : {}),
      });
    }
    return peeked;
  }

  /**
   * Stores a sent message; `delaySeconds` overrides the queue's DelaySeconds. A FIFO queue gives
   * it a sequence number, or, for a duplicate within the deduplication interval, stores nothing
   * and answers the first send's id and sequence number.
   */
  send(content: MessageContent, delaySeconds = this.#config.delaySeconds): AcceptedSend | undefined {
    const fifo = this.#fifo;
    const config = this.#config.fifo;
    if (fifo === undefined || config === undefined) {
      this.#admit(content, delaySeconds * 1000);
      return undefined;
    }
    const now = Date.now();
    const key =
      content.deduplicationId === undefined
        ? undefined
        : config.deduplicationScope === 'messageGroup'
          ? `${content.groupId ?? ''}\u0000${content.deduplicationId}`
          : content.deduplicationId;
    const duplicate = key === undefined ? undefined : fifo.duplicateOf(key, now);
    if (duplicate) return duplicate;
    const sequenceNumber = fifo.nextSequenceNumber();
    fifo.add(this.#admit({ ...content, sequenceNumber }, delaySeconds * 1000), key, now);
    return { id: content.id, sequenceNumber };
  }

  /** Takes in a message redriven from another queue: visible at once, receive count restarted. */
  acceptDeadLetter(content: MessageContent): void {
    if (this.#fifo) {
      const sequenceNumber = this.#fifo.nextSequenceNumber();
      this.#fifo.add(this.#admit({ ...content, sequenceNumber }, 0), undefined, Date.now());
    } else this.#admit(content, 0);
  }

  /**
   * Receives up to `maxMessages` visible messages, hiding them for the visibility timeout. With
   * none visible and a wait time, resolves as soon as one becomes visible, or empty at the end of
   * the wait or when the client goes away.
   */
  receive(request: ReceiveRequest): ReceivedMessage[] | Promise<ReceivedMessage[]> {
    if (this.#closed || request.signal.aborted) return [];
    const now = Date.now();
    this.#store.promoteDue(now);
    this.#sweep(now, false);
    const retried = this.#retried(request, now);
    if (retried) return retried;
    const taken = this.#take(request, now);
    if (taken.length > 0 || request.waitSeconds === 0) {
      this.#polls.rearm();
      return taken;
    }
    return this.#polls.wait(request, request.waitSeconds * 1000, request.signal);
  }

  /** Deletes a message by its latest receipt handle; an older handle, or a gone message, changes nothing. */
  delete(handle: ReceiptHandle): void {
    const message = this.#store.get(handle.messageId);
    if (message === undefined || message.receiptToken !== handle.token) return;
    this.#store.drop(message);
    this.#store.compact();
    // The message's group may take the next one now.
    if (this.#fifo) this.#polls.wake();
  }

  /**
   * Hides an in-flight message for `seconds` from now; 0 makes it visible at once.
   *
   * The API reference is silent on receipt handles that are no longer the latest. The reading
   * chosen is the behaviour observed on AWS (LocalStack's AWS-validated tests, PR 9632): any
   * handle issued for a message that still exists names it, so a superseded handle changes an
   * in-flight message's visibility, and a message that is no longer in flight (its timeout ran
   * out) is answered OK with nothing changed. A deleted message is InvalidParameterValue.
   */
  changeVisibility(handle: ReceiptHandle, seconds: number): void {
    const now = Date.now();
    this.#store.promoteDue(now);
    const message = this.#store.get(handle.messageId);
    if (message === undefined) {
      throw invalidParameterValue(
        'Value for parameter ReceiptHandle is invalid. Reason: Message does not exist or is not available for visibility timeout change.',
      );
    }
    if (message.state !== 'inflight') return;
    if (seconds === 0) {
      this.#store.reveal(message);
      this.#polls.wake();
    } else {
      this.#store.hide(message, now + seconds * 1000);
      this.#polls.rearm();
    }
  }

  /** Deletes every message; AWS allows one purge a minute. */
  purge(): void {
    const now = Date.now();
    if (this.#lastPurgeAt !== undefined && now - this.#lastPurgeAt < PURGE_INTERVAL_MS) {
      throw purgeQueueInProgress(`Only one PurgeQueue operation on ${this.name} is allowed every 60 seconds.`);
    }
    this.#lastPurgeAt = now;
    this.#store.clear();
    this.#fifo?.clear();
  }

  /** Stops the timer and answers every long poll with no messages. */
  close(): void {
    this.#closed = true;
    this.#polls.close();
  }

  #admit(content: MessageContent, delayMs: number): StoredMessage {
    const message = this.#store.admit(content, delayMs, Date.now());
    if (message.state === 'visible') this.#polls.wake();
    else this.#polls.rearm();
    return message;
  }

  #take(request: ReceiveRequest, now: number): ReceivedMessage[] {
    const taken: ReceivedMessage[] = [];
    if (this.#fifo) {
      const attempt: Parameters<FifoGroups['recordAttempt']>[1] = [];
      for (const message of this.#fifo.deliverable()) {
        if (taken.length >= request.maxMessages) break;
        const received = this.#deliver(message, request, now);
        if (received === undefined) continue;
        taken.push(received);
        attempt.push({ message, token: message.receiptToken, received });
      }
      if (request.attemptId !== undefined && taken.length > 0)
        this.#fifo.recordAttempt(request.attemptId, attempt, now);
    } else {
      while (taken.length < request.maxMessages) {
        const message = this.#store.nextVisible();
        if (message === undefined) break;
        const received = this.#deliver(message, request, now);
        if (received !== undefined) taken.push(received);
      }
    }
    this.#store.compact();
    return taken;
  }

  /**
   * FIFO's ReceiveRequestAttemptId: "If a caller of the ReceiveMessage action ... retries with the
   * same ReceiveRequestAttemptId, Amazon SQS returns the same messages and receipt handles" while
   * they are still in flight and unchanged, and the retry resets their visibility timeout.
   */
  #retried(request: ReceiveRequest, now: number): ReceivedMessage[] | undefined {
    if (this.#fifo === undefined || request.attemptId === undefined) return undefined;
    const retried = this.#fifo.retried(request.attemptId, now);
    if (retried === undefined) return undefined;
    for (const { message } of retried) this.#store.hide(message, now + request.visibilityTimeout * 1000);
    this.#polls.rearm();
    return retried.map(({ received }) => received);
  }

  /** Hands out one visible message, unless it has expired or is redriven to the dead-letter queue. */
  #deliver(message: StoredMessage, request: ReceiveRequest, now: number): ReceivedMessage | undefined {
    const { redrivePolicy, messageRetentionPeriod } = this.#config;
    if (now - message.content.sentAt >= messageRetentionPeriod * 1000) {
      this.#store.drop(message);
      return undefined;
    }
    if (redrivePolicy && message.receiveCount >= redrivePolicy.maxReceiveCount && this.#redrive(message, redrivePolicy))
      return undefined;
    message.receiveCount += 1;
    message.firstReceivedAt ??= now;
    message.receiptToken = newReceiptToken();
    this.#store.hide(message, now + request.visibilityTimeout * 1000);
    const receiptHandle = encodeReceiptHandle({ messageId: message.content.id, token: message.receiptToken });
    return request.render(message, receiptHandle);
  }

  /**
   * Moves a message to the dead-letter queue, if it exists; the message keeps its id and content.
   * From a FIFO queue, "the original message's deduplication ID will be replaced with the
   * original message's ID" and "the enqueue timestamp resets" (SQS Developer Guide: DLQ redrive,
   * DLQ retention); a standard queue's message keeps its enqueue time, so its retention goes on.
   */
  #redrive(message: StoredMessage, policy: RedrivePolicy): boolean {
    const deadLetterQueue = this.#resolveQueue(policy.deadLetterTargetArn);
    if (deadLetterQueue === undefined || deadLetterQueue === this) return false;
    this.#store.drop(message);
    const { content } = message;
    deadLetterQueue.acceptDeadLetter({
      ...content,
      deadLetterQueueSourceArn: this.arn,
      ...(this.#fifo ? { deduplicationId: content.id, sentAt: Date.now() } : {}),
    });
    return true;
  }

  /** Drops messages past the retention period, at most once a second unless forced. */
  #sweep(now: number, force: boolean): void {
    if (!force && now - this.#lastSweepAt < SWEEP_INTERVAL_MS) return;
    this.#lastSweepAt = now;
    this.#store.dropExpired(now, this.#config.messageRetentionPeriod * 1000);
  }
}
