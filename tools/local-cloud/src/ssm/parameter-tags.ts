import { validationError } from '../aws-error.js';
import { asObject, invalidField, optionalList, type SsmInput } from './ssm-input.js';

/** Tags a parameter may carry: "Most resources can have a maximum of 50 tags" (AddTagsToResource). */
export const MAX_TAGS_PER_PARAMETER = 50;
/** Entries a `Tags` list may hold in one request (the model's TagList), before the 50 apply. */
const MAX_TAGS_PER_REQUEST = 1000;

/** The model's TagKey and TagValue pattern. */
const TAG_PATTERN_TEXT = '^([\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*)$';
const TAG_PATTERN = new RegExp(TAG_PATTERN_TEXT, 'u');
const RESERVED_PREFIX = /^aws:/i;

const checkTagText = (field: string, value: unknown, min: number, max: number): string => {
  if (typeof value !== 'string') throw invalidField(field, value, 'Member must not be null');
  if (value.length < min) throw invalidField(field, value, `Member must have length greater than or equal to ${min}`);
  if (value.length > max) throw invalidField(field, value, `Member must have length less than or equal to ${max}`);
  if (!TAG_PATTERN.test(value)) {
    throw invalidField(field, value, `Member must satisfy regular expression pattern: ${TAG_PATTERN_TEXT}`);
  }
  return value;
};

/**
 * A tag key: 1–128 letters, digits, spaces and `_.:/=+-@`, not beginning with `aws:` in any
 * case. The model's pattern allows `aws:`, but AWS reserves the prefix for its own tags (the
 * ones CloudFormation puts on a parameter); the API reference gives no error for it, so it is
 * read as a ValidationException with this endpoint's message.
 */
export const checkTagKey = (field: string, value: unknown): string => {
  const key = checkTagText(field, value, 1, 128);
  if (RESERVED_PREFIX.test(key)) {
    throw validationError(
      `The tag key ${key} isn't valid: the aws: prefix is reserved for AWS use (case-insensitive).`,
    );
  }
  return key;
};

/**
 * Reads a request's `Tags` (PutParameter, AddTagsToResource): at most 1000 entries, each with a
 * key (see {@link checkTagKey}) and a value of 0–256 such characters. A key given twice keeps
 * its last value, as AddTagsToResource "adds or overwrites" each tag in turn.
 */
export const readTags = (input: SsmInput, required: boolean): Map<string, string> => {
  let index = 0;
  const tags =
    optionalList(input, 'Tags', { minItems: 0, maxItems: MAX_TAGS_PER_REQUEST }, (raw) => {
      index++;
      const tag = asObject('Tags', raw);
      return [
        checkTagKey(`Tags.${index}.member.key`, tag['Key']),
        checkTagText(`Tags.${index}.member.value`, tag['Value'], 0, 256),
      ] as const;
    }) ?? undefined;
  if (tags === undefined && required) throw invalidField('Tags', undefined, 'Member must not be null');
  return new Map(tags);
};

/** Reads RemoveTagsFromResource's `TagKeys`, each checked as a key. */
export const readTagKeys = (input: SsmInput): string[] => {
  let index = 0;
  const keys = optionalList(input, 'TagKeys', { minItems: 0, maxItems: MAX_TAGS_PER_REQUEST }, (raw) =>
    checkTagKey(`TagKeys.${++index}.member`, raw),
  );
  if (keys === undefined) throw invalidField('TagKeys', undefined, 'Member must not be null');
  return keys;
};

/** How many distinct keys a parameter would carry once `adding` is merged into `current`. */
export const mergedTagCount = (current: ReadonlyMap<string, string>, adding: ReadonlyMap<string, string>): number =>
  current.size + [...adding.keys()].filter((key) => !current.has(key)).length;
