import { AwsError } from '../aws-error.js';
import {
  batchEntryIdsNotDistinct,
  emptyBatchRequest,
  invalidBatchEntryId,
  tooManyEntriesInBatchRequest,
} from './sqs-errors.js';
import type { BatchResultErrorEntry } from './sqs-types.js';

/** What a batch operation answers: both lists, always present, as on AWS. */
export interface BatchResult<T> {
  Successful: Array<T & { Id: string }>;
  Failed: BatchResultErrorEntry[];
}

const MAX_ENTRIES = 10;
const ENTRY_ID = /^[A-Za-z0-9_-]{1,80}$/;

/**
 * Checks a batch's shape the way SQS does before touching any entry: 1 to 10 entries, each Id
 * `[A-Za-z0-9_-]{1,80}` and distinct.
 *
 * @throws AwsError `EmptyBatchRequest`, `TooManyEntriesInBatchRequest`, `InvalidBatchEntryId` or
 * `BatchEntryIdsNotDistinct`.
 */
export const checkBatchEntries = (entries: ReadonlyArray<Record<string, unknown>>, entryName: string): string[] => {
  if (entries.length === 0) throw emptyBatchRequest(`There should be at least one ${entryName} in the request.`);
  if (entries.length > MAX_ENTRIES) {
    throw tooManyEntriesInBatchRequest(
      `Maximum number of entries per request are ${MAX_ENTRIES}. You have sent ${entries.length}.`,
    );
  }
  const ids = entries.map((entry) => entry.Id);
  const seen = new Set<string>();
  for (const id of ids) {
    if (typeof id !== 'string' || !ENTRY_ID.test(id)) {
      throw invalidBatchEntryId(
        'A batch entry id can only contain alphanumeric characters, hyphens and underscores. It can be at most 80 letters long.',
      );
    }
    if (seen.has(id)) throw batchEntryIdsNotDistinct(`Id ${id} repeated.`);
    seen.add(id);
  }
  return [...seen];
};

/**
 * Runs a batch operation entry by entry: an entry that fails with an AWS error goes to `Failed`
 * (with the error's query code, as SQS reports it) while the others still succeed.
 *
 * @example
 * runBatch(entries, 'DeleteMessageBatchRequestEntry', (entry) => ({}));
 */
export const runBatch = <T extends object>(
  entries: ReadonlyArray<Record<string, unknown>>,
  entryName: string,
  handle: (entry: Record<string, unknown>) => T,
): BatchResult<T> => {
  const ids = checkBatchEntries(entries, entryName);
  const result: BatchResult<T> = { Successful: [], Failed: [] };
  entries.forEach((entry, index) => {
    const Id = ids[index] ?? '';
    try {
      result.Successful.push({ Id, ...handle(entry) });
    } catch (error) {
      if (!(error instanceof AwsError)) throw error;
      result.Failed.push({
        Id,
        SenderFault: error.fault === 'Sender',
        Code: error.queryCode ?? error.code,
        Message: error.message,
      });
    }
  });
  return result;
};
