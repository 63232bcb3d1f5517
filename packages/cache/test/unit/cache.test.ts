import { describe, expect, it } from '@jest/globals';
import { Cache, CacheOptionsError, clearCaches } from '../../src/index.js';

/** A clock the test moves by hand. */
const manualClock = (start = 1_000) => {
  let now = start;
  return { now: () => now, advance: (ms: number) => (now += ms) };
};

const deferred = <T>() => {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
};

describe('Cache', () => {
  it('returns a stored value until its TTL expires', () => {
    const clock = manualClock();
    const cache = new Cache<string, number>({ ttlMs: 100, clock: clock.now });
    cache.set('a', 1);
    clock.advance(99);
    expect(cache.get('a')).toBe(1);
    clock.advance(1);
    expect(cache.get('a')).toBeUndefined();
    expect(cache.size).toBe(0);
  });

  it('honours a per-entry TTL and Infinity', () => {
    const clock = manualClock();
    const cache = new Cache<string, string>({ ttlMs: 10, clock: clock.now });
    cache.set('short', 's').set('long', 'l', { ttlMs: 1_000 }).set('forever', 'f', { ttlMs: Infinity });
    clock.advance(500);
    expect([cache.get('short'), cache.get('long'), cache.get('forever')]).toEqual([undefined, 'l', 'f']);
    clock.advance(1e12);
    expect(cache.get('forever')).toBe('f');
  });

  it('evicts the least recently used entry past maxEntries', () => {
    const cache = new Cache<string, number>({ maxEntries: 2 });
    cache.set('a', 1).set('b', 2);
    cache.get('a'); // a is now more recent than b
    cache.set('c', 3);
    expect(cache.has('a')).toBe(true);
    expect(cache.has('b')).toBe(false);
    expect(cache.has('c')).toBe(true);
    expect(cache.stats().evictions).toBe(1);
  });

  it('counts hits and misses', () => {
    const cache = new Cache<string, number>();
    cache.set('a', 1);
    cache.get('a');
    cache.get('a');
    cache.get('b');
    expect(cache.stats()).toMatchObject({ hits: 2, misses: 1, size: 1 });
  });

  it('stores falsy values', () => {
    const cache = new Cache<string, number | null>();
    cache.set('zero', 0).set('null', null);
    expect(cache.get('zero')).toBe(0);
    expect(cache.get('null')).toBeNull();
  });

  it('refuses invalid options with a clear error', () => {
    expect(() => new Cache({ maxEntries: 0 })).toThrow(CacheOptionsError);
    expect(() => new Cache({ ttlMs: -1 })).toThrow(/ttlMs must be a number/);
    expect(() => new Cache({ ttlMs: Number.NaN })).toThrow(CacheOptionsError);
    expect(() => new Cache().set('k', 1, { ttlMs: -5 })).toThrow(CacheOptionsError);
  });
});

describe('Cache.getOrLoad', () => {
  it('calls the loader once for 100 concurrent misses and shares the value', async () => {
    const cache = new Cache<string, number>();
    const gate = deferred<number>();
    let calls = 0;
    const loader = () => {
      calls += 1;
      return gate.promise;
    };
    const waiting = Array.from({ length: 100 }, () => cache.getOrLoad('k', loader));
    gate.resolve(42);
    expect(await Promise.all(waiting)).toEqual(Array(100).fill(42));
    expect(calls).toBe(1);
    expect(cache.stats()).toMatchObject({ loads: 1 });
    expect(await cache.getOrLoad('k', loader)).toBe(42);
    expect(calls).toBe(1);
  });

  it('shares a failed load with its waiters and does not cache it', async () => {
    const cache = new Cache<string, number>();
    const gate = deferred<number>();
    let calls = 0;
    const failing = () => {
      calls += 1;
      return gate.promise;
    };
    const waiting = Array.from({ length: 5 }, () => cache.getOrLoad('k', failing));
    gate.reject(new Error('boom'));
    const results = await Promise.allSettled(waiting);
    expect(results.every((r) => r.status === 'rejected' && (r.reason as Error).message === 'boom')).toBe(true);
    expect(calls).toBe(1);
    expect(cache.stats().loadFailures).toBe(1);
    expect(await cache.getOrLoad('k', async () => 7)).toBe(7);
  });

  it('turns a synchronous throw of the loader into a rejection', async () => {
    const cache = new Cache<string, number>();
    await expect(
      cache.getOrLoad('k', () => {
        throw new Error('sync');
      }),
    ).rejects.toThrow('sync');
  });

  it('reloads after the TTL', async () => {
    const clock = manualClock();
    const cache = new Cache<string, number>({ ttlMs: 50, clock: clock.now });
    let version = 0;
    const loader = async () => ++version;
    expect(await cache.getOrLoad('k', loader)).toBe(1);
    clock.advance(49);
    expect(await cache.getOrLoad('k', loader)).toBe(1);
    clock.advance(1);
    expect(await cache.getOrLoad('k', loader)).toBe(2);
  });

  it('does not store a load that finishes after the key was deleted', async () => {
    const cache = new Cache<string, string>();
    const gate = deferred<string>();
    const load = cache.getOrLoad('k', () => gate.promise);
    cache.delete('k');
    gate.resolve('old');
    expect(await load).toBe('old');
    expect(cache.has('k')).toBe(false);
  });
});

describe('clearCaches', () => {
  it('empties every cache in the process', () => {
    const one = new Cache<string, number>().set('a', 1);
    const two = new Cache<string, number>().set('b', 2);
    clearCaches();
    expect(one.size + two.size).toBe(0);
  });
});
