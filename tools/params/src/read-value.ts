import type { Readable } from 'node:stream';
import { UsageError } from './errors.js';

/**
 * The value argument of `set`: as given, or read from stdin when it is `-` (one trailing newline
 * dropped), so secrets need not appear in the shell history or the process list.
 */
export const readValue = async (argument: string, stdin: Readable): Promise<string> => {
  if (argument !== '-') return argument;
  const chunks: Buffer[] = [];
  for await (const chunk of stdin) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk)));
  const value = Buffer.concat(chunks)
    .toString('utf8')
    .replace(/\r?\n$/, '');
  if (value === '') throw new UsageError('no value on stdin');
  return value;
};
