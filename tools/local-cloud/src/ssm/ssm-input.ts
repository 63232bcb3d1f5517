import { validationError, type AwsError } from '../aws-error.js';

/** A parsed JSON request body. */
export type SsmInput = Record<string, unknown>;

/** Length limits of a string field, as the SSM API model states them. */
export interface StringLimits {
  min?: number;
  max?: number;
}

/** AWS names a field in lower camel case in its validation messages (`Name` → `name`). */
const fieldName = (key: string): string => key.charAt(0).toLowerCase() + key.slice(1);

/** Echoes a short, non-secret value back, as AWS's validation messages do. */
const shown = (key: string, value: unknown): string => {
  if (value === undefined || value === null) return 'null';
  if (key === 'Value' || key === 'Values') return '(hidden)';
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return `'${text.length > 64 ? `${text.slice(0, 64)}...` : text}'`;
};

/**
 * The ValidationException AWS answers for a request field that breaks the API model.
 *
 * @example
 * throw invalidField('MaxResults', 0, 'Member must have value greater than or equal to 1');
 */
export const invalidField = (key: string, value: unknown, constraint: string): AwsError =>
  validationError(
    `1 validation error detected: Value ${shown(key, value)} at '${fieldName(key)}' failed to satisfy constraint: ${constraint}.`,
  );

const present = (input: SsmInput, key: string): unknown => {
  const value = Object.hasOwn(input, key) ? input[key] : undefined;
  return value === null ? undefined : value;
};

const checkString = (key: string, value: unknown, limits: StringLimits): string => {
  if (typeof value !== 'string') throw invalidField(key, value, 'Member must be a string');
  if (limits.min !== undefined && value.length < limits.min) {
    throw invalidField(key, value, `Member must have length greater than or equal to ${limits.min}`);
  }
  if (limits.max !== undefined && value.length > limits.max) {
    throw invalidField(key, value, `Member must have length less than or equal to ${limits.max}`);
  }
  return value;
};

/** Reads an optional string field, checking its type and length. */
export const optionalString = (input: SsmInput, key: string, limits: StringLimits = {}): string | undefined => {
  const value = present(input, key);
  return value === undefined ? undefined : checkString(key, value, limits);
};

/** Reads a required string field, checking its type and length. */
export const requiredString = (input: SsmInput, key: string, limits: StringLimits = {}): string => {
  const value = present(input, key);
  if (value === undefined) throw invalidField(key, value, 'Member must not be null');
  return checkString(key, value, limits);
};

/** Reads an optional string field that must be one of `allowed`. */
export const optionalEnum = <T extends string>(input: SsmInput, key: string, allowed: readonly T[]): T | undefined => {
  const value = optionalString(input, key);
  if (value === undefined) return undefined;
  if (!(allowed as readonly string[]).includes(value)) {
    throw invalidField(key, value, `Member must satisfy enum value set: [${allowed.join(', ')}]`);
  }
  return value as T;
};

/** Reads an optional boolean field. */
export const optionalBoolean = (input: SsmInput, key: string): boolean | undefined => {
  const value = present(input, key);
  if (value === undefined || typeof value === 'boolean') return value;
  throw invalidField(key, value, 'Member must be a boolean');
};

/** Reads an optional integer field within `[min, max]`. */
export const optionalInteger = (input: SsmInput, key: string, min: number, max: number): number | undefined => {
  const value = present(input, key);
  if (value === undefined) return undefined;
  if (typeof value !== 'number' || !Number.isInteger(value))
    throw invalidField(key, value, 'Member must be an integer');
  if (value < min) throw invalidField(key, value, `Member must have value greater than or equal to ${min}`);
  if (value > max) throw invalidField(key, value, `Member must have value less than or equal to ${max}`);
  return value;
};

/** Reads an optional list field of `minItems..maxItems` entries, each checked by `item`. */
export const optionalList = <T>(
  input: SsmInput,
  key: string,
  limits: { minItems: number; maxItems: number },
  item: (value: unknown) => T,
): T[] | undefined => {
  const value = present(input, key);
  if (value === undefined) return undefined;
  if (!Array.isArray(value)) throw invalidField(key, value, 'Member must be a list');
  if (value.length < limits.minItems) {
    throw invalidField(key, value, `Member must have length greater than or equal to ${limits.minItems}`);
  }
  if (value.length > limits.maxItems) {
    throw invalidField(key, value, `Member must have length less than or equal to ${limits.maxItems}`);
  }
  return value.map(item);
};

/** Reads a required list of strings, each of length `itemLimits`. */
export const requiredStringList = (
  input: SsmInput,
  key: string,
  limits: { minItems: number; maxItems: number },
  itemLimits: StringLimits = {},
): string[] => {
  const list = optionalList(input, key, limits, (value) => checkString(key, value, itemLimits));
  if (list === undefined) throw invalidField(key, undefined, 'Member must not be null');
  return list;
};

/** Narrows a list entry to a JSON object, or answers a ValidationException naming `key`. */
export const asObject = (key: string, value: unknown): SsmInput => {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw invalidField(key, value, 'Member must be a structure');
  }
  return value as SsmInput;
};

/** Reads a NextToken; an empty one means the first page. */
export const readNextToken = (input: SsmInput): string | undefined => optionalString(input, 'NextToken') || undefined;
