import type { Message } from '@aws-sdk/client-sqs';
import type { SqsRecord } from './sqs-event.js';

/** Whether a queue URL, name or ARN is a FIFO queue's: SQS requires their names to end in `.fifo`. */
export const isFifoQueue = (queue: string): boolean => queue.endsWith('.fifo');

const groupOf = (message: Message): string => message.Attributes?.MessageGroupId ?? '';

/** A sequence number as a bigint (they pass 2^53), or undefined when absent or not a number. */
const sequenceOf = (message: Message): bigint | undefined => {
  const value = message.Attributes?.SequenceNumber;
  return value !== undefined && /^\d+$/.test(value) ? BigInt(value) : undefined;
};

/**
 * Puts a FIFO batch in group order, as Lambda delivers it: within each message group, messages by
 * `SequenceNumber`; each group keeps the places its messages had in the batch, so groups stay
 * interleaved as received. The batch may be gathered over several receives, so this does not
 * rely on each receive having answered in order. Messages without a sequence number keep their
 * place relative to each other (a stable sort).
 *
 * @example
 * orderFifoMessages([a2, b1, a1]); // [a1, b1, a2]
 */
export const orderFifoMessages = (messages: readonly Message[]): Message[] => {
  const slots = new Map<string, number[]>();
  messages.forEach((message, index) => {
    const group = groupOf(message);
    slots.set(group, [...(slots.get(group) ?? []), index]);
  });
  const ordered = [...messages];
  for (const indexes of slots.values()) {
    const sorted = indexes
      .map((index) => messages[index] as Message)
      .sort((a, b) => {
        const [x, y] = [sequenceOf(a), sequenceOf(b)];
        if (x === undefined || y === undefined) return 0;
        return x < y ? -1 : x > y ? 1 : 0;
      });
    indexes.forEach((slot, i) => {
      ordered[slot] = sorted[i] as Message;
    });
  }
  return ordered;
};

/** The message groups of some records (`''` for a record without one). */
export const messageGroupsOf = (records: readonly SqsRecord[]): string[] => [
  ...new Set(records.map((record) => record.attributes.MessageGroupId ?? '')),
];

/**
 * The records a FIFO function left unreported after a reported failure of their group: Lambda
 * deletes every record not in `batchItemFailures` (AWS's Lambda guide leaves it to the function to
 * "return all failed and unprocessed messages"), so on AWS these are lost to the group's order.
 * The mapper deletes them too, as Lambda would, and warns.
 *
 * @example
 * unreportedAfterFailure([a1, a2, a3], new Set(['a2'])); // [a3]
 */
export const unreportedAfterFailure = (records: readonly SqsRecord[], failedIds: ReadonlySet<string>): SqsRecord[] => {
  const failedGroups = new Set<string>();
  const unreported: SqsRecord[] = [];
  for (const record of records) {
    const group = record.attributes.MessageGroupId ?? '';
    if (failedIds.has(record.messageId)) failedGroups.add(group);
    else if (failedGroups.has(group)) unreported.push(record);
  }
  return unreported;
};

/** Which message groups a mapping has in flight (invoked, not yet deleted). */
export interface GroupTracker {
  /** Marks the groups in flight and returns those that already were: the queue broke FIFO's rule. */
  claim(groups: readonly string[]): string[];
  /** The groups' batch is done (deleted, or left to come back after the visibility timeout). */
  release(groups: readonly string[]): void;
}

/**
 * Creates a tracker of the groups in flight. SQS itself never hands out messages of a group with
 * messages in flight, so Lambda "sends only one batch at a time for a group"; the mapper checks
 * that the queue kept to it (a visibility timeout shorter than the invocation also breaks it).
 *
 * @example
 * const overlapping = tracker.claim(['a', 'b']); // [] normally
 * // ... invoke, delete ...
 * tracker.release(['a', 'b']);
 */
export const createGroupTracker = (): GroupTracker => {
  const inFlight = new Map<string, number>();
  const claim = function claim(groups: readonly string[]): string[] {
    const overlapping = groups.filter((group) => (inFlight.get(group) ?? 0) > 0);
    for (const group of groups) inFlight.set(group, (inFlight.get(group) ?? 0) + 1);
    return overlapping;
  };
  const release = function release(groups: readonly string[]): void {
    for (const group of groups) {
      const count = (inFlight.get(group) ?? 0) - 1;
      if (count > 0) inFlight.set(group, count);
      else inFlight.delete(group);
    }
  };
  return { claim, release };
};
