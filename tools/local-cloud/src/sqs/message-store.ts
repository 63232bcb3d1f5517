import { Deque } from './deque.js';
import { MinHeap } from './min-heap.js';
import {
  isCurrent,
  storeMessage,
  type MessageContent,
  type MessageEntry,
  type MessageState,
  type StoredMessage,
  type TimedMessageEntry,
} from './stored-message.js';

/** Approximate message counts, as GetQueueAttributes reports them. */
export type MessageCounts = Readonly<Record<Exclude<MessageState, 'gone'>, number>>;

/** Index sizes below which stale entries are not worth compacting away. */
const COMPACT_THRESHOLD = 1_024;

/**
 * The messages of one queue and their indexes: every message by id (in arrival order, for
 * retention), visible ones in a FIFO deque, delayed and in-flight ones in a min-heap by the time
 * they become visible. A state change bumps the message's version instead of searching the
 * indexes, and entries whose version no longer matches are skipped when they surface, so every
 * operation costs O(log n) at most, and taking k messages O(k log n).
 *
 * @example
 * const store = new MessageStore();
 * store.admit(content, 0, Date.now());
 * const message = store.nextVisible();
 */
export class MessageStore {
  readonly #messages = new Map<string, StoredMessage>();
  readonly #visible = new Deque<MessageEntry>();
  readonly #timed = new MinHeap<TimedMessageEntry>();
  readonly #counts: Record<MessageState, number> = { delayed: 0, visible: 0, inflight: 0, gone: 0 };

  /** Numbers of visible, in-flight and delayed messages. */
  get counts(): MessageCounts {
    const { delayed, visible, inflight } = this.#counts;
    return { delayed, visible, inflight };
  }

  /** The message with this id, if the queue still holds it. */
  get(id: string): StoredMessage | undefined {
    return this.#messages.get(id);
  }

  /** Every message the queue holds (delayed, visible or in flight), oldest sent first; changes nothing. */
  held(): IterableIterator<StoredMessage> {
    return this.#messages.values();
  }

  /** Stores a new message, delayed when `delayMs` > 0. */
  admit(content: MessageContent, delayMs: number, now: number): StoredMessage {
    const existing = this.#messages.get(content.id);
    if (existing) this.drop(existing);
    const message = storeMessage(content, delayMs > 0 ? 'delayed' : 'visible');
    this.#counts[message.state] += 1;
    this.#messages.set(content.id, message);
    if (delayMs > 0) this.#timed.push({ message, version: message.version, at: now + delayMs });
    else this.#visible.push({ message, version: message.version });
    return message;
  }

  /** Removes and returns the oldest visible message. */
  nextVisible(): StoredMessage | undefined {
    while (this.#counts.visible > 0) {
      const entry = this.#visible.shift();
      if (entry === undefined) return undefined;
      if (isCurrent(entry)) return entry.message;
    }
    return undefined;
  }

  /** Puts a message in flight until `until` (epoch ms). */
  hide(message: StoredMessage, until: number): void {
    this.#setState(message, 'inflight');
    this.#timed.push({ message, version: message.version, at: until });
  }

  /** Makes a message visible at once. */
  reveal(message: StoredMessage): void {
    this.#setState(message, 'visible');
    this.#visible.push({ message, version: message.version });
  }

  /** Forgets a message (deleted, expired, purged or redriven). */
  drop(message: StoredMessage): void {
    this.#setState(message, 'gone');
    this.#messages.delete(message.content.id);
  }

  /** Makes visible every delayed or in-flight message whose time has come. */
  promoteDue(now: number): void {
    for (let top = this.#timed.peek(); top !== undefined && top.at <= now; top = this.#timed.peek()) {
      this.#timed.pop();
      if (isCurrent(top)) this.reveal(top.message);
    }
  }

  /** When the next delayed or in-flight message becomes visible, if any. */
  nextDueAt(): number | undefined {
    let next = this.#timed.peek();
    while (next !== undefined && !isCurrent(next)) {
      this.#timed.pop();
      next = this.#timed.peek();
    }
    return next?.at;
  }

  /** Drops messages sent `retentionMs` or longer ago, oldest first, stopping at the first younger one. */
  dropExpired(now: number, retentionMs: number): void {
    for (const message of this.#messages.values()) {
      if (now - message.content.sentAt < retentionMs) break;
      this.drop(message);
    }
  }

  /** Rebuilds an index once stale entries outnumber live ones, keeping the cost amortised O(1). */
  compact(): void {
    const timedLive = this.#counts.delayed + this.#counts.inflight;
    if (this.#timed.size > COMPACT_THRESHOLD && this.#timed.size > 2 * timedLive) this.#timed.retain(isCurrent);
    if (this.#visible.size > COMPACT_THRESHOLD && this.#visible.size > 2 * this.#counts.visible) {
      this.#visible.retain(isCurrent);
    }
  }

  /** Forgets every message. */
  clear(): void {
    for (const message of this.#messages.values()) this.#setState(message, 'gone');
    this.#messages.clear();
    this.#visible.clear();
    this.#timed.clear();
  }

  #setState(message: StoredMessage, state: MessageState): void {
    this.#counts[message.state] -= 1;
    this.#counts[state] += 1;
    message.state = state;
    message.version += 1;
  }
}
