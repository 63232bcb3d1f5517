import { createHash } from 'node:crypto';
import type { FifoConfig } from './queue-attributes.js';
import { invalidParameterValue } from './sqs-errors.js';
import type { ReceivedMessage } from './sqs-types.js';
import type { StoredMessage } from './stored-message.js';

/**
 * MessageGroupId, MessageDeduplicationId and ReceiveRequestAttemptId: "up to 128 characters ...
 * alphanumeric characters and punctuation (!"#$%&'()*+,-./:;<=>?@[\]^_`{|}~)" (SendMessage and
 * ReceiveMessage API references).
 */
const FIFO_TOKEN = /^[A-Za-z0-9!"#$%&'()*+,\-./:;<=>?@[\\\]^_`{|}~]{1,128}$/;
/** "Amazon SQS FIFO queues ... deduplication interval of 5 minutes." */
export const DEDUPLICATION_WINDOW_MS = 5 * 60_000;
/** ReceiveRequestAttemptId: "the deduplication interval ... is 5 minutes". */
const RECEIVE_ATTEMPT_WINDOW_MS = 5 * 60_000;

/** Checks a FIFO token parameter's characters and length. */
export const checkFifoToken = (name: string, value: string): string => {
  if (!FIFO_TOKEN.test(value)) {
    throw invalidParameterValue(
      `Value ${value} for parameter ${name} is invalid. Reason: ${name} can only include alphanumeric and punctuation characters. 1 to 128 in length.`,
    );
  }
  return value;
};

/** The deduplication id of a FIFO message: the one given, or the SHA-256 of the body with content-based deduplication. */
export const deduplicationIdOf = (body: string, given: string | undefined, config: FifoConfig): string | undefined =>
  given ?? (config.contentBasedDeduplication ? createHash('sha256').update(body, 'utf8').digest('hex') : undefined);

/** What a send answered, kept for the deduplication interval so a duplicate gets the same answer. */
export interface AcceptedSend {
  id: string;
  sequenceNumber: string;
}

interface RememberedSend extends AcceptedSend {
  at: number;
}

interface ReceiveAttempt {
  at: number;
  messages: { message: StoredMessage; token: string | undefined; received: ReceivedMessage }[];
}

/**
 * The FIFO side of one queue: messages in order within each message group, the groups that are
 * blocked while one of their messages is in flight, sequence numbers, the 5-minute deduplication
 * interval and ReceiveRequestAttemptId retries.
 *
 * Receives take from the group whose oldest message is oldest first, as many of that group's
 * messages in order as they may ("Amazon SQS first attempts to return as many messages with the
 * same message group ID as possible"), then from the next group. A group with a message in flight
 * gives nothing until that message is deleted or visible again.
 */
export class FifoGroups {
  readonly #groups = new Map<string, StoredMessage[]>();
  readonly #sent = new Map<string, RememberedSend>();
  readonly #attempts = new Map<string, ReceiveAttempt>();
  // 128-bit in AWS's description, large and non-consecutive; 20 decimal digits here, increasing.
  #sequence = BigInt(Date.now()) * 1_000_000n;

  /** The answer to a send with this deduplication key within the interval, if one was accepted. */
  duplicateOf(key: string, now: number): AcceptedSend | undefined {
    this.#forgetOld(now);
    const sent = this.#sent.get(key);
    return sent === undefined ? undefined : { id: sent.id, sequenceNumber: sent.sequenceNumber };
  }

  /** A new sequence number, greater than every earlier one of this queue. */
  nextSequenceNumber(): string {
    this.#sequence += 1n + BigInt(Math.floor(Math.random() * 1000));
    return this.#sequence.toString().padStart(20, '0');
  }

  /** Remembers an accepted send for deduplication and queues the message at the end of its group. */
  add(message: StoredMessage, key: string | undefined, now: number): void {
    const { groupId, id, sequenceNumber } = message.content;
    if (key !== undefined && sequenceNumber !== undefined) this.#sent.set(key, { id, sequenceNumber, at: now });
    const group = groupId ?? '';
    const list = this.#groups.get(group);
    if (list) list.push(message);
    else this.#groups.set(group, [message]);
  }

  /**
   * The messages a receive may take now, in delivery order: per group not blocked, the run of
   * visible messages from its head; groups by their oldest message.
   */
  *deliverable(): Generator<StoredMessage> {
    const ready: { head: StoredMessage; run: StoredMessage[] }[] = [];
    for (const [groupId, list] of this.#groups) {
      let start = 0;
      while (start < list.length && list[start]?.state === 'gone') start += 1;
      if (start > 0) list.splice(0, start);
      if (list.length === 0) {
        this.#groups.delete(groupId);
        continue;
      }
      if (list.some((message) => message.state === 'inflight')) continue;
      const run: StoredMessage[] = [];
      for (const message of list) {
        if (message.state === 'gone') continue;
        if (message.state !== 'visible') break;
        run.push(message);
      }
      const [head] = run;
      if (head !== undefined) ready.push({ head, run });
    }
    ready.sort((a, b) => compareSequence(a.head, b.head));
    for (const { run } of ready) yield* run;
  }

  /** The messages a retried receive with this attempt id got, if all are still in flight with those handles. */
  retried(attemptId: string, now: number): ReceiveAttempt['messages'] | undefined {
    const attempt = this.#attempts.get(attemptId);
    if (attempt === undefined || now - attempt.at >= RECEIVE_ATTEMPT_WINDOW_MS) return undefined;
    const unchanged = attempt.messages.every(
      ({ message, token }) => message.state === 'inflight' && message.receiptToken === token,
    );
    return unchanged ? attempt.messages : undefined;
  }

  /** Remembers what a receive with an attempt id got. */
  recordAttempt(attemptId: string, messages: ReceiveAttempt['messages'], now: number): void {
    this.#attempts.delete(attemptId);
    this.#attempts.set(attemptId, { at: now, messages });
  }

  /**
   * Forgets every message (PurgeQueue) and the deduplication ids: after a purge the same id is
   * accepted again (LocalStack's AWS-validated test_purge_queue_clears_fifo_deduplication_cache).
   */
  clear(): void {
    this.#groups.clear();
    this.#sent.clear();
    this.#attempts.clear();
  }

  #forgetOld(now: number): void {
    // Map order is insertion order, so the oldest entries come first.
    for (const [key, sent] of this.#sent) {
      if (now - sent.at < DEDUPLICATION_WINDOW_MS) break;
      this.#sent.delete(key);
    }
    for (const [id, attempt] of this.#attempts) {
      if (now - attempt.at < RECEIVE_ATTEMPT_WINDOW_MS) break;
      this.#attempts.delete(id);
    }
  }
}

const compareSequence = (a: StoredMessage, b: StoredMessage): number => {
  const x = BigInt(a.content.sequenceNumber ?? '0');
  const y = BigInt(b.content.sequenceNumber ?? '0');
  return x < y ? -1 : x > y ? 1 : 0;
};
