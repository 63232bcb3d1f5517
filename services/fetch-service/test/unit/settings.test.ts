import { describe, expect, it } from '@jest/globals';
import { fetchSettingsSchema } from '../../src/settings.js';

const queue = { url: 'http://127.0.0.1:4566/000000000000/q' };
const queues = { fetchRequests: queue, riskUpdates: queue };

describe('fetchSettingsSchema', () => {
  it('fills the legacy defaults around the published baseUrl', () => {
    const settings = fetchSettingsSchema.parse({ queues, legacy: { baseUrl: 'https://legacy.example.com/dev' } });

    expect(settings.legacy).toEqual({
      baseUrl: 'https://legacy.example.com/dev',
      timeoutMs: 8000,
      minLatencyMs: 2000,
      maxLatencyMs: 7000,
      failureRate: 0.1,
      concurrency: 2,
    });
  });

  it('reads the strings Parameter Store holds as numbers', () => {
    const settings = fetchSettingsSchema.parse({
      queues,
      legacy: { baseUrl: 'http://127.0.0.1:3002', timeoutMs: '500', failureRate: '0.25', concurrency: '4' },
    });

    expect(settings.legacy).toMatchObject({ timeoutMs: 500, failureRate: 0.25, concurrency: 4 });
  });

  it.each([
    [{ failureRate: '1.5' }, 'legacy.failureRate'],
    [{ minLatencyMs: '800', maxLatencyMs: '200' }, 'legacy.maxLatencyMs'],
    [{ concurrency: '0' }, 'legacy.concurrency'],
    [{ baseUrl: 'not a url' }, 'legacy.baseUrl'],
  ])('rejects %o, naming %s', (legacy, field) => {
    const result = fetchSettingsSchema.safeParse({ queues, legacy: { baseUrl: 'http://127.0.0.1:3002', ...legacy } });

    expect(result.error?.issues.map((issue) => issue.path.join('.'))).toEqual([field]);
  });
});
