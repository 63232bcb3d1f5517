import type { SQSRecord } from 'aws-lambda';
import { mapWithConcurrency } from './map-with-concurrency.js';

/**
 * How far one failed record of a FIFO batch stops the batch:
 * - `'group'`: the rest of its message group is returned unprocessed; other groups go on;
 * - `'batch'`: no record of any group starts after it (records already running finish), AWS's
 *   literal guidance for FIFO queues.
 */
export type FifoFailureScope = 'group' | 'batch';

/** What became of one record of a FIFO batch. */
export type FifoRecordOutcome = 'succeeded' | 'failed' | 'skipped';

/**
 * Whether a batch comes from a FIFO queue: its queue ARN ends in `.fifo`, or its records carry a
 * `MessageGroupId` (which only FIFO queues set on received messages).
 */
export const isFifoBatch = (records: readonly SQSRecord[]): boolean =>
  records.some(
    (record) =>
      (typeof record.eventSourceARN === 'string' && record.eventSourceARN.endsWith('.fifo')) ||
      typeof record.attributes?.MessageGroupId === 'string',
  );

/**
 * The records' indexes by message group, each group in batch order. Lambda delivers a FIFO batch
 * in order within each group, so the batch's order is the group's order (the adapter does not
 * re-sort by `SequenceNumber`). A record without a group id (never seen from SQS) shares the
 * group `''`, so it is still handled one at a time and in order.
 */
export const groupRecordIndexes = (records: readonly SQSRecord[]): number[][] => {
  const groups = new Map<string, number[]>();
  records.forEach((record, index) => {
    const groupId = record.attributes?.MessageGroupId ?? '';
    const indexes = groups.get(groupId);
    if (indexes) indexes.push(index);
    else groups.set(groupId, [index]);
  });
  return [...groups.values()];
};

/**
 * Processes a FIFO batch as Lambda expects with `ReportBatchItemFailures`: the records of one
 * message group one after another in batch order, different groups side by side (at most
 * `concurrency` records at once, so at most that many groups), and a group stopped at its first
 * failure. Records never started are `'skipped'`: the caller reports them failed with the one
 * that failed, so SQS redelivers the group's remainder in order.
 *
 * Why a failure stops only its own group by default: AWS's Lambda guide (Handling errors for an
 * SQS event source, "Implementing partial batch responses") says a FIFO function "should stop
 * processing messages after the first failure and return all failed and unprocessed messages".
 * SQS orders messages only within a group, so the finer reading keeps every guarantee while the
 * other groups' work is not thrown away and redone; AWS's SQS guide ("Amazon SQS FIFO queue and
 * Lambda concurrency behavior") describes groups as processed independently. Powertools' FIFO
 * processor offers the same choice (`skipGroupOnError`). `'batch'` keeps the literal reading.
 *
 * @example
 * const outcomes = await processFifoBatch(records, { concurrency: 3, failureScope: 'group' }, handle);
 */
export const processFifoBatch = async (
  records: readonly SQSRecord[],
  options: { concurrency: number; failureScope: FifoFailureScope },
  processRecord: (record: SQSRecord) => Promise<boolean>,
): Promise<FifoRecordOutcome[]> => {
  const outcomes = new Array<FifoRecordOutcome>(records.length).fill('skipped');
  let batchStopped = false;
  await mapWithConcurrency(groupRecordIndexes(records), options.concurrency, async function processGroup(indexes) {
    for (const index of indexes) {
      if (batchStopped) return;
      const succeeded = await processRecord(records[index] as SQSRecord);
      outcomes[index] = succeeded ? 'succeeded' : 'failed';
      if (!succeeded) {
        if (options.failureScope === 'batch') batchStopped = true;
        return;
      }
    }
  });
  return outcomes;
};
