import { describe, expect, it } from '@jest/globals';
import { redriveDlqInput } from '../../src/functions/redrive-dlq/schema.js';

describe('redriveDlqInput', () => {
  it.each([undefined, null, {}])('reads %o as no limit', (event) => {
    expect(redriveDlqInput.parse(event)).toEqual({});
  });

  it('reads max, as a number or a numeric string', () => {
    expect(redriveDlqInput.parse({ max: 100 })).toEqual({ max: 100 });
    expect(redriveDlqInput.parse({ max: '25' })).toEqual({ max: 25 });
  });

  it.each([{ max: 0 }, { max: -3 }, { max: 2.5 }, { max: 'many' }, 'everything'])('refuses %o', (event) => {
    expect(redriveDlqInput.safeParse(event).success).toBe(false);
  });
});
