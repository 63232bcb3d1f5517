import { validationError, type AwsError } from '../aws-error.js';
import { fieldReaders, type FieldProblem, type JsonInput, type StringLimits } from '../json-input.js';

/** A parsed JSON request body. */
export type SsmInput = JsonInput;
export type { StringLimits };

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

const EXPECTED: Record<Extract<FieldProblem, { kind: 'notA' }>['expected'], string> = {
  string: 'Member must be a string',
  boolean: 'Member must be a boolean',
  integer: 'Member must be an integer',
  list: 'Member must be a list',
  structure: 'Member must be a structure',
  stringList: 'Member must be a list',
  stringMap: 'Member must be a map',
};

/** The constraint SSM's ValidationException names for each problem (its API model's wording). */
const constraint = (problem: FieldProblem): string => {
  switch (problem.kind) {
    case 'missing':
      return 'Member must not be null';
    case 'notA':
      return EXPECTED[problem.expected];
    case 'tooShort':
    case 'tooFew':
      return `Member must have length greater than or equal to ${problem.limit}`;
    case 'tooLong':
    case 'tooMany':
      return `Member must have length less than or equal to ${problem.limit}`;
    case 'outOfRange':
      return problem.below
        ? `Member must have value greater than or equal to ${problem.min}`
        : `Member must have value less than or equal to ${problem.max}`;
    case 'notIn':
      return `Member must satisfy enum value set: [${problem.allowed.join(', ')}]`;
  }
};

const read = fieldReaders((key, value, problem) => invalidField(key, value, constraint(problem)));

/** Reads an optional string field, checking its type and length. */
export const optionalString = read.optionalString;

/** Reads a required string field, checking its type and length. */
export const requiredString = read.requiredString;

/** Reads an optional string field that must be one of `allowed`. */
export const optionalEnum = read.optionalEnum;

/** Reads an optional boolean field. */
export const optionalBoolean = read.optionalBoolean;

/** Reads an optional integer field within `[min, max]`. */
export const optionalInteger = read.optionalInteger;

/** Reads an optional list field of `minItems..maxItems` entries, each checked by `item`. */
export const optionalList = read.optionalList;

/** Reads a required list of strings, each of length `itemLimits`. */
export const requiredStringList = (
  input: SsmInput,
  key: string,
  limits: { minItems: number; maxItems: number },
  itemLimits: StringLimits = {},
): string[] => {
  const list = read.optionalList(input, key, limits, (value) => read.checkString(key, value, itemLimits));
  if (list === undefined) throw invalidField(key, undefined, 'Member must not be null');
  return list;
};

/** Narrows a list entry to a JSON object, or answers a ValidationException naming `key`. */
export const asObject = read.asObject;

/** Reads a NextToken; an empty one means the first page. */
export const readNextToken = (input: SsmInput): string | undefined => optionalString(input, 'NextToken') || undefined;
