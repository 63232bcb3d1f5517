/** What a function's answer means for its batch: the records to keep, or why it all failed. */
export type BatchVerdict = { failedIds: Set<string> } | { malformed: string };

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const parseJson = (payload: string): { value: unknown } | undefined => {
  try {
    return { value: JSON.parse(payload) };
  } catch {
    return undefined;
  }
};

/**
 * Reads a function's response with `ReportBatchItemFailures` as Lambda does:
 * - an empty or `null` response, no `batchItemFailures` or an empty/`null` list → every record succeeded;
 * - `{ batchItemFailures: [{ itemIdentifier }] }` → those records failed, the others succeeded;
 * - anything else (invalid JSON, a response or list of the wrong type, an item without an
 *   `itemIdentifier`, an empty one, or one naming no message of this batch) → malformed,
 *   and the whole batch fails.
 *
 * @example
 * const verdict = parseBatchResponse('{"batchItemFailures":[{"itemIdentifier":"m-2"}]}', new Set(['m-1', 'm-2']));
 * // { failedIds: Set { 'm-2' } }
 */
export const parseBatchResponse = (payload: string, messageIds: ReadonlySet<string>): BatchVerdict => {
  if (payload.trim() === '') return { failedIds: new Set() };
  const parsed = parseJson(payload);
  if (!parsed) return { malformed: 'the response is not valid JSON' };
  if (parsed.value === null) return { failedIds: new Set() };
  if (!isRecord(parsed.value)) return { malformed: 'the response is not an object' };
  const failures = parsed.value.batchItemFailures;
  if (failures === undefined || failures === null) return { failedIds: new Set() };
  if (!Array.isArray(failures)) return { malformed: 'batchItemFailures is not a list' };
  const failedIds = new Set<string>();
  for (const failure of failures as unknown[]) {
    const id = isRecord(failure) ? failure.itemIdentifier : undefined;
    if (typeof id !== 'string' || id === '') return { malformed: 'a batch item failure has no itemIdentifier' };
    if (!messageIds.has(id))
      return { malformed: `itemIdentifier ${JSON.stringify(id)} is not a message of this batch` };
    failedIds.add(id);
  }
  return { failedIds };
};
