import type { AwsError } from '../aws-error.js';
import { invalidAddress, invalidMessageContents, invalidParameterValue, missingParameter } from './sqs-errors.js';

/**
 * SQS's largest message, and largest batch of messages together, in bytes: 1 MiB since AWS raised
 * both from 256 KiB in 2025 (SendMessage and SendMessageBatch API references).
 */
export const MAX_MESSAGE_BYTES = 1_048_576;

const QUEUE_NAME = /^[A-Za-z0-9_-]{1,80}$/;
/** Anything outside #x9 | #xA | #xD | #x20-#xD7FF | #xE000-#xFFFD | #x10000-#x10FFFF (lone surrogates too). */
const INVALID_CHARACTER = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u;

/** A required string parameter; missing or empty is `MissingParameter`, as on AWS. */
export const requireString = (input: Record<string, unknown>, name: string): string => {
  const value = input[name];
  if (value === undefined || value === null || value === '') throw missingParameter(name);
  if (typeof value !== 'string') throw invalidParameterValue(`Value for parameter ${name} must be a string.`);
  return value;
};

/** An optional string parameter. */
export const optionalString = (input: Record<string, unknown>, name: string): string | undefined => {
  const value = input[name];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw invalidParameterValue(`Value for parameter ${name} must be a string.`);
  return value;
};

/** An optional integer parameter within `[min, max]`. */
export const optionalInteger = (
  input: Record<string, unknown>,
  name: string,
  min: number,
  max: number,
): number | undefined => {
  const value = input[name];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw invalidParameterValue(
      `Value ${String(value)} for parameter ${name} is invalid. Reason: Must be between ${min} and ${max}, if provided.`,
    );
  }
  return value;
};

/** An optional list of strings (attribute names, tag keys). */
export const optionalStringList = (input: Record<string, unknown>, name: string): string[] | undefined => {
  const value = input[name];
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value) || !value.every((item): item is string => typeof item === 'string')) {
    throw invalidParameterValue(`Value for parameter ${name} must be a list of strings.`);
  }
  return value;
};

/** An optional map of strings (queue attributes, tags). */
export const optionalStringMap = (input: Record<string, unknown>, name: string): Record<string, string> | undefined => {
  const value = input[name];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'object' || Array.isArray(value) || !Object.values(value).every((v) => typeof v === 'string')) {
    throw invalidParameterValue(`Value for parameter ${name} must be a map of strings.`);
  }
  return value as Record<string, string>;
};

/** An optional list of objects (batch entries). */
export const optionalObjectList = (input: Record<string, unknown>, name: string): Array<Record<string, unknown>> => {
  const value = input[name] ?? [];
  if (
    !Array.isArray(value) ||
    !value.every((item) => item !== null && typeof item === 'object' && !Array.isArray(item))
  ) {
    throw invalidParameterValue(`Value for parameter ${name} must be a list of objects.`);
  }
  return value as Array<Record<string, unknown>>;
};

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
