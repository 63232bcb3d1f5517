import { StringDecoder } from 'node:string_decoder';

/** A line longer than this (a runaway write with no newline) is passed on in pieces, not held. */
export const MAX_PENDING_CHARS = 1_048_576;

/**
 * Turns a stream's chunks into whole lines: a chunk may end inside a line or inside a UTF-8
 * character, so the unfinished tail waits for the next chunk. `write` answers the chunk's text
 * (decoded), `end` flushes the last line.
 *
 * @example
 * const split = lineSplitter((line) => console.log(line));
 * stream.on('data', (chunk) => split.write(chunk));
 * stream.on('end', () => split.end());
 */
export const lineSplitter = (onLine: (line: string) => void) => {
  const decoder = new StringDecoder('utf8');
  let pending = '';
  return {
    write(chunk: Buffer): string {
      const text = decoder.write(chunk);
      const parts = (pending + text).split('\n');
      pending = parts.pop() ?? '';
      for (const line of parts) onLine(line);
      if (pending.length > MAX_PENDING_CHARS) {
        onLine(pending);
        pending = '';
      }
      return text;
    },
    end(): void {
      const last = pending + decoder.end();
      pending = '';
      if (last !== '') onLine(last);
    },
  };
};
