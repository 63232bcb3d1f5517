import { describe, expect, it } from '@jest/globals';
import {
  resolveMappingOptions,
  type EventSourceMappingOptions,
} from '../src/event-source-mapping/event-source-mapping-options.js';

const required: EventSourceMappingOptions = {
  functionName: 'svc-dev-consumer',
  invokeEndpoint: 'http://127.0.0.1:3002',
  queueUrl: 'http://127.0.0.1:4566/000000000000/jobs',
};

describe('resolveMappingOptions', () => {
  it('fills in the defaults, keeping explicit values', () => {
    // Act
    const settings = resolveMappingOptions({ ...required, batchSize: 5, maximumConcurrency: undefined });

    // Assess
    expect(settings).toMatchObject({
      batchSize: 5,
      maximumBatchingWindowInSeconds: 0,
      maximumConcurrency: 5,
      reportBatchItemFailures: false,
      functionTimeoutSeconds: 900,
      region: 'us-east-1',
      timeoutGiven: false,
    });
  });

  it('accepts a concurrency of 1 locally, below AWS minimum of 2', () => {
    // Act
    const settings = resolveMappingOptions({ ...required, maximumConcurrency: 1 });

    // Assess
    expect(settings.maximumConcurrency).toBe(1);
  });

  it.each([
    [{ batchSize: 0 }, RangeError, /batchSize/],
    [{ batchSize: 10_001, maximumBatchingWindowInSeconds: 1 }, RangeError, /batchSize/],
    [{ batchSize: 2.5 }, TypeError, /batchSize must be an integer/],
    [{ batchSize: 11 }, RangeError, /maximumBatchingWindowInSeconds of at least 1/],
    [{ maximumBatchingWindowInSeconds: 301 }, RangeError, /maximumBatchingWindowInSeconds/],
    [{ maximumConcurrency: 0 }, RangeError, /maximumConcurrency/],
    [{ maximumConcurrency: 1001 }, RangeError, /maximumConcurrency/],
    [{ functionTimeoutSeconds: 901 }, RangeError, /functionTimeoutSeconds/],
    [{ functionName: '' }, TypeError, /functionName/],
    [{ invokeEndpoint: 'not a url' }, TypeError, /invokeEndpoint/],
    [{ queueUrl: 'jobs' }, TypeError, /queueUrl/],
  ])('refuses %o', (override, errorClass, message) => {
    // Act
    const resolve = (): unknown => resolveMappingOptions({ ...required, ...override });

    // Assess
    expect(resolve).toThrow(errorClass);
    expect(resolve).toThrow(message);
  });
});
