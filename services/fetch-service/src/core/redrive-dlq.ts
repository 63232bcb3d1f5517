import type { DeadLetterQueue, ParkedMessage } from './ports.js';

/** How far a redrive goes. */
export interface RedriveOptions {
  /** Move at most this many messages (default: until the DLQ is empty). */
  max?: number;
  /** Asked before each batch; false stops the run (e.g. the Lambda is about to time out). */
  hasTime?: () => boolean;
}

/** What a redrive did. */
export interface RedriveResult {
  /** Sent back to the source queue. */
  moved: number;
  /** Could not be sent; they stay in the DLQ for the next run. */
  failed: number;
  /** Sent back, but still in the DLQ: the next run moves them again (a harmless duplicate fetch). */
  notDeleted: number;
}

const BATCH_SIZE = 10;

/**
 * Moves messages from the fetch-requests DLQ back to the fetch-requests queue.
 *
 * 1. Receive up to 10 (fewer when `max` is near); stop when the DLQ answers none.
 * 2. Send copies (same body and attributes) to the source queue.
 * 3. Delete from the DLQ only the ones that were sent.
 * 4. Repeat until the DLQ is empty, `max` is reached, time runs out, or a whole batch fails to
 *    send (the queue is unreachable: going on would only spin).
 */
export const redriveDlq = async <M extends ParkedMessage>(
  dlq: DeadLetterQueue<M>,
  options: RedriveOptions = {},
): Promise<RedriveResult> => {
  const max = options.max ?? Number.POSITIVE_INFINITY;
  const result: RedriveResult = { moved: 0, failed: 0, notDeleted: 0 };
  while (result.moved + result.failed < max && (options.hasTime?.() ?? true)) {
    const messages = await dlq.receive(Math.min(BATCH_SIZE, max - result.moved - result.failed));
    if (messages.length === 0) break;
    const failedIds = new Set(await dlq.sendToSource(messages));
    const sent = messages.filter((message) => !failedIds.has(message.id));
    const notDeleted = sent.length > 0 ? await dlq.delete(sent) : [];
    result.moved += sent.length;
    result.failed += messages.length - sent.length;
    result.notDeleted += notDeleted.length;
    if (sent.length === 0) break;
  }
  return result;
};
