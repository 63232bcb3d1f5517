import type { AwsError } from '../aws-error.js';
import { fieldReaders, fieldValue, type FieldProblem, type JsonInput } from '../json-input.js';
import { invalidAddress, invalidMessageContents, invalidParameterValue, missingParameter } from './sqs-errors.js';

/** An SQS request's JSON body. */
export type SqsInput = JsonInput;

/**
 * SQS's largest message, and largest batch of messages together, in bytes: 1 MiB since AWS raised
 * both from 256 KiB in 2025 (SendMessage and SendMessageBatch API references).
 */
export const MAX_MESSAGE_BYTES = 1_048_576;

const QUEUE_NAME = /^[A-Za-z0-9_-]{1,80}$/;
/** Anything outside #x9 | #xA | #xD | #x20-#xD7FF | #xE000-#xFFFD | #x10000-#x10FFFF (lone surrogates too). */
const INVALID_CHARACTER = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u;

/** SQS's wording of a refused field (its InvalidParameterValue and MissingParameter messages). */
const sqsFieldError = (key: string, value: unknown, problem: FieldProblem): AwsError => {
  if (problem.kind === 'missing') return missingParameter(key);
  if (problem.kind === 'outOfRange') {
    return invalidParameterValue(
      `Value ${String(value)} for parameter ${key} is invalid. Reason: Must be between ${problem.min} and ${problem.max}, if provided.`,
    );
  }
  const kinds: Record<string, string> = {
    string: 'a string',
    stringList: 'a list of strings',
    stringMap: 'a map of strings',
    list: 'a list of objects',
    structure: 'a list of objects',
  };
  const expected = problem.kind === 'notA' ? (kinds[problem.expected] ?? problem.expected) : 'valid';
  return invalidParameterValue(`Value for parameter ${key} must be ${expected}.`);
};

const read = fieldReaders(sqsFieldError);

/** A required string parameter; missing or empty is `MissingParameter`, as on AWS. */
export const requireString = (input: JsonInput, name: string): string => {
  if (fieldValue(input, name) === '') throw missingParameter(name);
  return read.requiredString(input, name);
};

/** An optional string parameter. */
export const optionalString = (input: JsonInput, name: string): string | undefined => read.optionalString(input, name);

/** An optional integer parameter within `[min, max]`. */
export const optionalInteger = (input: JsonInput, name: string, min: number, max: number): number | undefined => {
  const value = fieldValue(input, name);
  // SQS names the range whatever is wrong with the value.
  if (value !== undefined && (typeof value !== 'number' || !Number.isInteger(value))) {
    throw sqsFieldError(name, value, { kind: 'outOfRange', min, max, below: false });
  }
  return read.optionalInteger(input, name, min, max);
};

/** An optional list of strings (attribute names, tag keys). */
export const optionalStringList = read.optionalStringList;

/** An optional map of strings (queue attributes, tags). */
export const optionalStringMap = read.optionalStringMap;

/** An optional list of objects (batch entries); absent is an empty list. */
export const optionalObjectList = (input: JsonInput, name: string): JsonInput[] =>
  read.optionalList(input, name, { minItems: 0, maxItems: Number.MAX_SAFE_INTEGER }, (item) =>
    read.asObject(name, item),
  ) ?? [];

/**
 * Checks a queue name: 1 to 80 letters, digits, hyphens and underscores; a FIFO queue's ends in
 * `.fifo`, counted in the 80 (CreateQueue API reference, QueueName).
 */
export const validateQueueName = (name: string, fifo: boolean): string => {
  if (fifo) {
    if (!name.endsWith('.fifo') || name.length > 80 || !QUEUE_NAME.test(name.slice(0, -'.fifo'.length))) {
      throw invalidParameterValue(
        'The name of a FIFO queue can only include alphanumeric characters, hyphens, or underscores, must end with .fifo suffix and be 1 to 80 in length.',
      );
    }
    return name;
  }
  if (!QUEUE_NAME.test(name)) {
    throw invalidParameterValue('Can only include alphanumeric characters, hyphens, or underscores. 1 to 80 in length');
  }
  return name;
};

/** The queue name a QueueUrl names: its last path segment, whatever the host. */
export const queueNameFromUrl = (queueUrl: string): string => {
  const path = queueUrl.split(/[?#]/, 1)[0] ?? '';
  const name = path.slice(path.lastIndexOf('/') + 1);
  if (name === '') throw invalidAddress(`The address ${queueUrl} is not valid for this endpoint.`);
  return name;
};

/** Whether a string holds only characters SQS accepts in bodies and attribute values. */
export const hasOnlyValidCharacters = (text: string): boolean => !INVALID_CHARACTER.test(text);

/**
 * Checks a message body: present, non-empty and made of XML-safe characters.
 *
 * @throws AwsError `MissingParameter` or `InvalidMessageContents`.
 */
export const validateMessageBody = (input: Record<string, unknown>): string => {
  const body = requireString(input, 'MessageBody');
  if (!hasOnlyValidCharacters(body)) {
    throw invalidMessageContents(
      'Invalid characters found. Valid unicode characters are #x9 | #xA | #xD | #x20 to #xD7FF | #xE000 to #xFFFD | #x10000 to #x10FFFF',
    );
  }
  return body;
};

/** The error SQS answers for a message larger than the queue accepts. */
export const messageTooLong = (maximumMessageSize: number): AwsError =>
  invalidParameterValue(
    `One or more parameters are invalid. Reason: Message must be shorter than ${maximumMessageSize} bytes.`,
  );
