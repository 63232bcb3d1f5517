import { describe, expect, it } from '@jest/globals';
import { memoize } from '../../src/index.js';

describe('memoize', () => {
  it('caches results per first argument by default', async () => {
    let calls = 0;
    const double = memoize(async (n: number) => {
      calls += 1;
      return n * 2;
    });
    expect(await double(2)).toBe(4);
    expect(await double(2)).toBe(4);
    expect(await double(3)).toBe(6);
    expect(calls).toBe(2);
    expect(double.cache.stats()).toMatchObject({ hits: 1, loads: 2 });
  });

  it('uses a custom key and a TTL with an injected clock', async () => {
    let now = 0;
    let calls = 0;
    const lookup = memoize(
      async (table: string, id: number) => {
        calls += 1;
        return `${table}:${id}:${calls}`;
      },
      { key: (table, id) => `${table}/${id}`, ttlMs: 10, clock: () => now },
    );
    expect(await lookup('users', 1)).toBe('users:1:1');
    expect(await lookup('users', 1)).toBe('users:1:1');
    expect(await lookup('roles', 1)).toBe('roles:1:2');
    now = 10;
    expect(await lookup('users', 1)).toBe('users:1:3');
  });

  it('shares one call among concurrent callers and does not cache failures', async () => {
    let calls = 0;
    const flaky = memoize(async () => {
      calls += 1;
      if (calls === 1) throw new Error('first fails');
      return 'ok';
    });
    const first = await Promise.allSettled([flaky(), flaky(), flaky()]);
    expect(first.map((r) => r.status)).toEqual(['rejected', 'rejected', 'rejected']);
    expect(calls).toBe(1);
    expect(await flaky()).toBe('ok');
    flaky.clear();
    expect(await flaky()).toBe('ok');
    expect(calls).toBe(3);
  });
});
