import { describe, expect, it } from '@jest/globals';
import { createColdStartTracker } from '../../src/index.js';

describe('createColdStartTracker', () => {
  it('returns true on the first call and false on every later call', () => {
    // Prepare
    const isColdStart = createColdStartTracker();

    // Act
    const answers = [isColdStart(), isColdStart(), isColdStart()];

    // Assess
    expect(answers).toEqual([true, false, false]);
  });

  it('keeps separate state per tracker', () => {
    // Prepare
    const first = createColdStartTracker();
    const second = createColdStartTracker();
    first();

    // Act
    const answer = second();

    // Assess
    expect(answer).toBe(true);
  });
});
