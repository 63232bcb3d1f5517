import type { AwsError } from './aws-error.js';

/** A parsed AWS JSON protocol request body. */
export type JsonInput = Record<string, unknown>;

/** What is wrong with one request field; each service words it as its own API does. */
export type FieldProblem =
  | { kind: 'missing' }
  | { kind: 'notA'; expected: 'string' | 'boolean' | 'integer' | 'list' | 'structure' | 'stringList' | 'stringMap' }
  | { kind: 'tooShort' | 'tooLong'; limit: number }
  | { kind: 'tooFew' | 'tooMany'; limit: number }
  | { kind: 'outOfRange'; min: number; max: number; below: boolean }
  | { kind: 'notIn'; allowed: readonly string[] };

/** Turns a field problem into the error the service answers. */
export type FieldErrors = (key: string, value: unknown, problem: FieldProblem) => AwsError;

/** Length limits of a string field, as an API model states them. */
export interface StringLimits {
  min?: number;
  max?: number;
}

/**
 * The value of a field as AWS's JSON protocols read it: only the body's own keys, `null` as absent.
 *
 * @example
 * fieldValue({ Name: null }, 'Name'); // undefined
 * fieldValue({}, 'constructor'); // undefined (not Object's)
 */
export const fieldValue = (input: JsonInput, key: string): unknown => {
  const value = Object.hasOwn(input, key) ? input[key] : undefined;
  return value === null ? undefined : value;
};

const isPlainObject = (value: unknown): value is JsonInput =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

/**
 * The field readers SSM and SQS share: the same presence rules and type and limit checks, with
 * each service's own wording of a refusal (`errors`).
 *
 * @example
 * const read = fieldReaders((key, value, problem) => validationError(`${key}: ${problem.kind}`));
 * read.optionalInteger({ MaxResults: 5 }, 'MaxResults', 1, 10); // 5
 */
export const fieldReaders = (errors: FieldErrors) => {
  const checkString = (key: string, value: unknown, limits: StringLimits = {}): string => {
    if (typeof value !== 'string') throw errors(key, value, { kind: 'notA', expected: 'string' });
    if (limits.min !== undefined && value.length < limits.min) {
      throw errors(key, value, { kind: 'tooShort', limit: limits.min });
    }
    if (limits.max !== undefined && value.length > limits.max) {
      throw errors(key, value, { kind: 'tooLong', limit: limits.max });
    }
    return value;
  };

  const optionalString = (input: JsonInput, key: string, limits: StringLimits = {}): string | undefined => {
    const value = fieldValue(input, key);
    return value === undefined ? undefined : checkString(key, value, limits);
  };

  const requiredString = (input: JsonInput, key: string, limits: StringLimits = {}): string => {
    const value = fieldValue(input, key);
    if (value === undefined) throw errors(key, value, { kind: 'missing' });
    return checkString(key, value, limits);
  };

  const optionalEnum = <T extends string>(input: JsonInput, key: string, allowed: readonly T[]): T | undefined => {
    const value = optionalString(input, key);
    if (value === undefined) return undefined;
    if (!(allowed as readonly string[]).includes(value)) throw errors(key, value, { kind: 'notIn', allowed });
    return value as T;
  };

  const optionalBoolean = (input: JsonInput, key: string): boolean | undefined => {
    const value = fieldValue(input, key);
    if (value === undefined || typeof value === 'boolean') return value;
    throw errors(key, value, { kind: 'notA', expected: 'boolean' });
  };

  const optionalInteger = (input: JsonInput, key: string, min: number, max: number): number | undefined => {
    const value = fieldValue(input, key);
    if (value === undefined) return undefined;
    if (typeof value !== 'number' || !Number.isInteger(value)) {
      throw errors(key, value, { kind: 'notA', expected: 'integer' });
    }
    if (value < min || value > max) throw errors(key, value, { kind: 'outOfRange', min, max, below: value < min });
    return value;
  };

  const optionalList = <T>(
    input: JsonInput,
    key: string,
    limits: { minItems: number; maxItems: number },
    item: (value: unknown) => T,
  ): T[] | undefined => {
    const value = fieldValue(input, key);
    if (value === undefined) return undefined;
    if (!Array.isArray(value)) throw errors(key, value, { kind: 'notA', expected: 'list' });
    if (value.length < limits.minItems) throw errors(key, value, { kind: 'tooFew', limit: limits.minItems });
    if (value.length > limits.maxItems) throw errors(key, value, { kind: 'tooMany', limit: limits.maxItems });
    return value.map(item);
  };

  const optionalStringList = (input: JsonInput, key: string): string[] | undefined => {
    const value = fieldValue(input, key);
    if (value === undefined) return undefined;
    if (!Array.isArray(value) || !value.every((item): item is string => typeof item === 'string')) {
      throw errors(key, value, { kind: 'notA', expected: 'stringList' });
    }
    return value;
  };

  const optionalStringMap = (input: JsonInput, key: string): Record<string, string> | undefined => {
    const value = fieldValue(input, key);
    if (value === undefined) return undefined;
    if (!isPlainObject(value) || !Object.values(value).every((entry) => typeof entry === 'string')) {
      throw errors(key, value, { kind: 'notA', expected: 'stringMap' });
    }
    return value as Record<string, string>;
  };

  const asObject = (key: string, value: unknown): JsonInput => {
    if (!isPlainObject(value)) throw errors(key, value, { kind: 'notA', expected: 'structure' });
    return value;
  };

  return {
    checkString,
    optionalString,
    requiredString,
    optionalEnum,
    optionalBoolean,
    optionalInteger,
    optionalList,
    optionalStringList,
    optionalStringMap,
    asObject,
  };
};
