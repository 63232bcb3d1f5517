import { describe, expect, it } from '@jest/globals';
import { isThrottling, retryOnThrottling } from '../../src/index.js';

const throttled = () => Object.assign(new Error('Rate exceeded'), { name: 'ThrottlingException' });
const options = { maxAttempts: 3, baseDelayMs: 1, maxDelayMs: 2 };

describe('Function: retryOnThrottling', () => {
  it('repeats a throttled call until it succeeds', async () => {
    // Prepare
    let calls = 0;
    const operation = async () => {
      calls += 1;
      if (calls < 3) throw throttled();
      return 'done';
    };

    // Act
    const result = await retryOnThrottling(operation, options);

    // Assess
    expect(result).toBe('done');
    expect(calls).toBe(3);
  });

  it('gives up after maxAttempts with the last throttling error', async () => {
    let calls = 0;
    const operation = async () => {
      calls += 1;
      throw throttled();
    };

    await expect(retryOnThrottling(operation, options)).rejects.toThrow('Rate exceeded');
    expect(calls).toBe(3);
  });

  it('throws any other error at once', async () => {
    let calls = 0;
    const operation = async () => {
      calls += 1;
      throw Object.assign(new Error('no such parameter'), { name: 'ParameterNotFound' });
    };

    await expect(retryOnThrottling(operation, options)).rejects.toThrow('no such parameter');
    expect(calls).toBe(1);
  });
});

describe('Function: isThrottling', () => {
  it('recognises the SDK flag and the services names, nothing else', () => {
    expect(isThrottling({ name: 'Whatever', $retryable: { throttling: true } })).toBe(true);
    expect(isThrottling(throttled())).toBe(true);
    expect(isThrottling(Object.assign(new Error('x'), { name: 'TooManyUpdates' }))).toBe(true);
    expect(isThrottling(new Error('boom'))).toBe(false);
    expect(isThrottling('ThrottlingException')).toBe(false);
  });
});
