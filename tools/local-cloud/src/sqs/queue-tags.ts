import { invalidParameterValue, missingParameter } from './sqs-errors.js';

/** "Maximum number of tags per queue: 50" (SQS quotas related to queues). */
const MAX_TAGS = 50;
/** Tag keys are 1 to 128 characters, values at most 256 (the same quotas page). */
const MAX_KEY_LENGTH = 128;
const MAX_VALUE_LENGTH = 256;

/** Length in characters (code points), as the quotas count, not UTF-16 units. */
const characters = (text: string): number => [...text].length;

const checkKey = (key: string): void => {
  if (key.length === 0 || characters(key) > MAX_KEY_LENGTH)
    throw invalidParameterValue(`Tag keys must be between 1 and ${MAX_KEY_LENGTH} characters in length.`);
};

/**
 * Checks tags to add to a queue that already has `existing`, all or nothing: TagQueue needs at
 * least one tag (`Tags` is required), keys 1–128 characters, values at most 256, and the queue
 * at most 50 tags afterwards (a key it already has is overwritten, not added).
 */
export const checkTagsToAdd = (
  tags: Record<string, string> | undefined,
  existing: ReadonlyMap<string, string>,
  queueName: string,
): Record<string, string> => {
  if (tags === undefined || Object.keys(tags).length === 0) throw missingParameter('Tags');
  for (const [key, value] of Object.entries(tags)) {
    checkKey(key);
    if (characters(value) > MAX_VALUE_LENGTH)
      throw invalidParameterValue(`Tag values may not exceed ${MAX_VALUE_LENGTH} characters in length.`);
  }
  const added = Object.keys(tags).filter((key) => !existing.has(key)).length;
  if (existing.size + added > MAX_TAGS) throw invalidParameterValue(`Too many tags added for queue ${queueName}.`);
  return tags;
};

/** Checks UntagQueue's keys: at least one, each 1–128 characters. */
export const checkTagKeys = (keys: readonly string[] | undefined): readonly string[] => {
  if (keys === undefined || keys.length === 0) throw missingParameter('TagKeys');
  for (const key of keys) checkKey(key);
  return keys;
};
