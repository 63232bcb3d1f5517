import { createHash, type Hash } from 'node:crypto';
import type { MessageAttributeMap } from './sqs-types.js';

/** Hex MD5 of a string's UTF-8 bytes: SQS's `MD5OfMessageBody`. */
export const md5Hex = (text: string): string => createHash('md5').update(text, 'utf8').digest('hex');

const TRANSPORT_STRING = Uint8Array.of(1);
const TRANSPORT_BINARY = Uint8Array.of(2);

const updateLengthPrefixed = (hash: Hash, bytes: Buffer): void => {
  const length = Buffer.allocUnsafe(4);
  length.writeUInt32BE(bytes.length, 0);
  hash.update(length).update(bytes);
};

/**
 * SQS's `MD5OfMessageAttributes` (and `MD5OfMessageSystemAttributes`), as AWS documents it:
 * attributes sorted by name; for each, the 4-byte big-endian length and UTF-8 bytes of the name,
 * then of the data type, one transport byte (1 string, 2 binary), then the length and bytes of
 * the value. `undefined` when there are no attributes, as SQS omits the field then.
 *
 * @example
 * md5OfMessageAttributes({ timestamp: { DataType: 'Number', StringValue: '1493147359900' } });
 * // '235c5c510d26fb653d073faed50ae77c'
 */
export const md5OfMessageAttributes = (attributes: MessageAttributeMap | undefined): string | undefined => {
  if (!attributes) return undefined;
  const entries = Object.entries(attributes).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  if (entries.length === 0) return undefined;
  const hash = createHash('md5');
  for (const [name, value] of entries) {
    updateLengthPrefixed(hash, Buffer.from(name, 'utf8'));
    updateLengthPrefixed(hash, Buffer.from(value.DataType, 'utf8'));
    if (value.DataType.startsWith('Binary')) {
      hash.update(TRANSPORT_BINARY);
      updateLengthPrefixed(hash, Buffer.from(value.BinaryValue ?? '', 'base64'));
    } else {
      hash.update(TRANSPORT_STRING);
      updateLengthPrefixed(hash, Buffer.from(value.StringValue ?? '', 'utf8'));
    }
  }
  return hash.digest('hex');
};
