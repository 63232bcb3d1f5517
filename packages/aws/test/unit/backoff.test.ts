import { describe, expect, it } from '@jest/globals';
import { fullJitterDelay } from '../../src/index.js';

describe('fullJitterDelay', () => {
  const options = { baseDelayMs: 100, maxDelayMs: 1_000 };

  it('grows the ceiling exponentially up to the cap', () => {
    const ceiling = (attempt: number) => fullJitterDelay(attempt, options, () => 0.999999);
    expect([1, 2, 3, 4, 5].map(ceiling)).toEqual([99, 199, 399, 799, 999]);
  });

  it('spreads delays between zero and the ceiling', () => {
    expect(fullJitterDelay(3, options, () => 0)).toBe(0);
    expect(fullJitterDelay(3, options, () => 0.5)).toBe(200);
  });
});
