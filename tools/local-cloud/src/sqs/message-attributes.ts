import { invalidParameterValue } from './sqs-errors.js';
import type { MessageAttributeMap, MessageAttributeValue } from './sqs-types.js';
import { hasOnlyValidCharacters } from './sqs-input.js';

/** Message attributes as SendMessage accepted them, with the bytes they count towards the size limit. */
export interface ParsedMessageAttributes {
  attributes: MessageAttributeMap | undefined;
  bytes: number;
}

const MAX_ATTRIBUTES = 10;
const NAME = /^[A-Za-z0-9_.-]{1,256}$/;
const DATA_TYPE = /^(String|Number|Binary)(\.[^\s]{1,250})?$/;
const NUMBER = /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/;
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

const invalidName = (name: string): boolean =>
  !NAME.test(name) ||
  /^(aws\.|amazon\.)/i.test(name) ||
  name.startsWith('.') ||
  name.endsWith('.') ||
  name.includes('..');

const parseValue = (
  name: string,
  raw: unknown,
  kind: 'user' | 'system',
): { value: MessageAttributeValue; bytes: number } => {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    throw invalidParameterValue(`The message (${kind}) attribute '${name}' must be an object.`);
  }
  const { DataType, StringValue, BinaryValue } = raw as Record<string, unknown>;
  if (typeof DataType !== 'string' || DataType === '') {
    throw invalidParameterValue(`The message (${kind}) attribute '${name}' must contain a non-empty attribute type.`);
  }
  if (!DATA_TYPE.test(DataType)) {
    throw invalidParameterValue(
      `The type of message (${kind}) attribute '${name}' is invalid. You must use only the following supported type prefixes: Binary, Number, String.`,
    );
  }
  const bytes = Buffer.byteLength(name) + Buffer.byteLength(DataType);
  if (DataType.startsWith('Binary')) {
    if (typeof BinaryValue !== 'string' || BinaryValue === '' || !BASE64.test(BinaryValue)) {
      throw invalidParameterValue(
        `The message (${kind}) attribute '${name}' must contain a non-empty value of type 'Binary'.`,
      );
    }
    return { value: { DataType, BinaryValue }, bytes: bytes + Buffer.from(BinaryValue, 'base64').length };
  }
  const type = DataType.startsWith('Number') ? 'Number' : 'String';
  if (typeof StringValue !== 'string' || StringValue === '') {
    throw invalidParameterValue(
      `The message (${kind}) attribute '${name}' must contain a non-empty value of type '${type}'.`,
    );
  }
  if (type === 'Number' && !NUMBER.test(StringValue)) {
    throw invalidParameterValue(`Can't cast the value of message (${kind}) attribute '${name}' to a number.`);
  }
  if (!hasOnlyValidCharacters(StringValue)) {
    throw invalidParameterValue(`The message (${kind}) attribute '${name}' contains invalid characters.`);
  }
  return { value: { DataType, StringValue }, bytes: bytes + Buffer.byteLength(StringValue) };
};

/**
 * Validates the `MessageAttributes` of SendMessage (names, data types incl. custom labels such as
 * `String.json`, values) and counts their bytes as SQS does: name + type + value.
 */
export const parseMessageAttributes = (raw: unknown): ParsedMessageAttributes => {
  if (raw === undefined || raw === null) return { attributes: undefined, bytes: 0 };
  if (typeof raw !== 'object' || Array.isArray(raw)) throw invalidParameterValue('MessageAttributes must be a map.');
  const entries = Object.entries(raw);
  if (entries.length > MAX_ATTRIBUTES) {
    throw invalidParameterValue(
      `Number of message attributes [${entries.length}] exceeds the allowed maximum [${MAX_ATTRIBUTES}].`,
    );
  }
  if (entries.length === 0) return { attributes: undefined, bytes: 0 };
  const attributes: MessageAttributeMap = {};
  let bytes = 0;
  for (const [name, value] of entries) {
    if (invalidName(name)) throw invalidParameterValue(`Message (user) attribute name '${name}' is invalid.`);
    const parsed = parseValue(name, value, 'user');
    attributes[name] = parsed.value;
    bytes += parsed.bytes;
  }
  return { attributes, bytes };
};

/** Validates `MessageSystemAttributes`: SQS accepts only `AWSTraceHeader`, a String. */
export const parseSystemAttributes = (raw: unknown): ParsedMessageAttributes => {
  if (raw === undefined || raw === null) return { attributes: undefined, bytes: 0 };
  if (typeof raw !== 'object' || Array.isArray(raw))
    throw invalidParameterValue('MessageSystemAttributes must be a map.');
  const entries = Object.entries(raw);
  if (entries.length === 0) return { attributes: undefined, bytes: 0 };
  const attributes: MessageAttributeMap = {};
  let bytes = 0;
  for (const [name, value] of entries) {
    if (name !== 'AWSTraceHeader') throw invalidParameterValue(`Message system attribute name '${name}' is invalid.`);
    const parsed = parseValue(name, value, 'system');
    if (parsed.value.DataType !== 'String') {
      throw invalidParameterValue(`The message system attribute '${name}' must be of type 'String'.`);
    }
    attributes[name] = parsed.value;
    bytes += parsed.bytes;
  }
  return { attributes, bytes };
};

/** Which message attributes a ReceiveMessage asked for: `All`, `.*`, names, or `prefix.*`. */
export const selectMessageAttributes = (
  attributes: MessageAttributeMap | undefined,
  requested: readonly string[] | undefined,
): MessageAttributeMap | undefined => {
  if (!attributes || !requested || requested.length === 0) return undefined;
  if (requested.includes('All') || requested.includes('.*')) return attributes;
  // The API reference: "a wildcard prefix (for example, bar.*) to return all message attributes
  // starting with the bar prefix". Read literally, the prefix is what comes before `.*`, so
  // `Hel.*` returns `Hello` and `Help.Me`, and `Custom.*` returns `Custom.a` and `CustomB`.
  const prefixes = requested.filter((name) => name.endsWith('.*')).map((name) => name.slice(0, -2));
  const selected: MessageAttributeMap = {};
  let any = false;
  for (const [name, value] of Object.entries(attributes)) {
    if (requested.includes(name) || prefixes.some((prefix) => name.startsWith(prefix))) {
      selected[name] = value;
      any = true;
    }
  }
  return any ? selected : undefined;
};
