import { describe, expect, it } from '@jest/globals';
import { lineSplitter, MAX_PENDING_CHARS } from '../src/system/line-splitter.js';

describe('lineSplitter (service output to lines)', () => {
  it('joins a line split across chunks, and a UTF-8 character split between them', () => {
    const lines: string[] = [];
    const split = lineSplitter((line) => lines.push(line));
    const bytes = Buffer.from('{"message":"first"}\n{"message":"λ — ünïcode"}\nlast without newline', 'utf8');
    const cut = bytes.indexOf(Buffer.from('λ')) + 1; // inside the two bytes of λ

    split.write(bytes.subarray(0, 5));
    split.write(bytes.subarray(5, cut));
    split.write(bytes.subarray(cut));
    split.end();

    expect(lines).toEqual(['{"message":"first"}', '{"message":"λ — ünïcode"}', 'last without newline']);
    expect(lines.slice(0, 2).map((line) => JSON.parse(line).message)).toEqual(['first', 'λ — ünïcode']);
  });

  it('loses no line of a burst written in arbitrary chunk sizes', () => {
    const lines: string[] = [];
    const split = lineSplitter((line) => lines.push(line));
    const text =
      Array.from({ length: 5_000 }, (_, i) => JSON.stringify({ i, message: `line ${i} ✓` })).join('\n') + '\n';
    const bytes = Buffer.from(text, 'utf8');

    for (let at = 0, size = 1; at < bytes.length; at += size, size = (size * 7) % 4093 || 1) {
      split.write(bytes.subarray(at, at + size));
    }
    split.end();

    expect(lines).toHaveLength(5_000);
    expect(lines.every((line, i) => JSON.parse(line).i === i)).toBe(true);
  });

  it('passes a line that never ends on in pieces rather than holding it forever', () => {
    const lines: string[] = [];
    const split = lineSplitter((line) => lines.push(line));

    split.write(Buffer.from('x'.repeat(MAX_PENDING_CHARS + 10)));

    expect(lines).toHaveLength(1);
    expect(lines[0]?.length).toBe(MAX_PENDING_CHARS + 10);
  });
});
