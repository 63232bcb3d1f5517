import { describe, expect, it } from '@jest/globals';
import { exponentialDelay } from '../../src/index.js';

describe('exponentialDelay', () => {
  it('doubles from the initial delay and stops at the maximum', () => {
    const delays = [1, 2, 3, 4, 5, 6].map((attempt) => exponentialDelay(attempt, { initial: 1_000, max: 20_000 }));
    expect(delays).toEqual([1_000, 2_000, 4_000, 8_000, 16_000, 20_000]);
  });

  it('treats attempts below 1 as the first and never overflows after a long outage', () => {
    expect(exponentialDelay(0, { initial: 2, max: 300 })).toBe(2);
    expect(exponentialDelay(-5, { initial: 2, max: 300 })).toBe(2);
    expect(exponentialDelay(10_000, { initial: 2, max: 300 })).toBe(300);
    expect(Number.isFinite(exponentialDelay(Number.MAX_SAFE_INTEGER, { initial: 1, max: Infinity }))).toBe(true);
  });
});
