import { beforeAll, describe, expect, it } from '@jest/globals';
import { AuthOptionsError, AuthUnavailableError, clearJwksCaches, createJwksCache } from '../../src/index.js';
import { fakeJwksFetch } from '../fixtures/fake-jwks-fetch.js';
import { manualClock } from '../fixtures/manual-clock.js';
import { until } from '../fixtures/until.js';
import { createTestKey, type TestKey } from '../fixtures/tokens.js';

const JWKS_URL = 'https://auth.test/.well-known/jwks.json';

let key: TestKey;
let rotated: TestKey;
let rsaKey: TestKey;

beforeAll(async () => {
  [key, rotated, rsaKey] = await Promise.all([
    createTestKey('key-1'),
    createTestKey('key-2'),
    createTestKey('rsa-1', 'RS256'),
  ]);
});

/** A cache over an in-memory JWKS holding `key`, with a manual clock. */
const setup = (options: { ttlMs?: number; minRefetchIntervalMs?: number; failureBackoffMs?: number } = {}) => {
  const clock = manualClock();
  const jwks = fakeJwksFetch([key.publicJwk, rsaKey.publicJwk]);
  const cache = createJwksCache({ jwksUrl: JWKS_URL, fetch: jwks.fetch, clock: clock.now, ...options });
  return { clock, jwks, cache };
};

describe('createJwksCache', () => {
  it('returns the public ES256 key for a known kid', async () => {
    const { cache } = setup();

    const found = await cache.getKey('key-1');

    expect(found).toMatchObject({ type: 'public', algorithm: { name: 'ECDSA', namedCurve: 'P-256' } });
  });

  it('serves the key set from memory until the TTL expires', async () => {
    const { cache, clock, jwks } = setup({ ttlMs: 1_000 });
    await cache.getKey('key-1');

    clock.advance(999);
    await cache.getKey('key-1');
    const callsWithinTtl = jwks.state.calls;
    clock.advance(1);
    await cache.getKey('key-1');

    expect(callsWithinTtl).toBe(1);
    expect(jwks.state.calls).toBe(2);
  });

  it('refetches for an unknown kid at most once per interval', async () => {
    // Prepare
    const { cache, clock, jwks } = setup({ minRefetchIntervalMs: 60_000 });
    await cache.getKey('key-1');

    // Act
    const rightAfterFill = await cache.getKey('key-2');
    clock.advance(60_000);
    jwks.state.keys = [key.publicJwk, rotated.publicJwk];
    const afterInterval = await cache.getKey('key-2');
    const unknown = await cache.getKey('random');

    // Assess
    expect(rightAfterFill).toBeUndefined();
    expect(afterInterval).toBeDefined();
    expect(unknown).toBeUndefined();
    expect(jwks.state.calls).toBe(2);
  });

  it('returns undefined for the kid of a non-ES256 key without refetching', async () => {
    const { cache, clock, jwks } = setup();
    await cache.getKey('key-1');
    clock.advance(120_000);

    await expect(cache.getKey('rsa-1')).resolves.toBeUndefined();
    expect(jwks.state.calls).toBe(1);
  });

  it('shares one fetch between concurrent callers', async () => {
    const { cache, jwks } = setup();

    const keys = await Promise.all(Array.from({ length: 10 }, () => cache.getKey('key-1')));

    expect(keys.every((found) => found !== undefined)).toBe(true);
    expect(jwks.state.calls).toBe(1);
  });

  it('throws AuthUnavailableError on a cold cache and waits out the back-off before retrying', async () => {
    // Prepare
    const { cache, clock, jwks } = setup({ failureBackoffMs: 5_000 });
    jwks.state.fail = true;

    // Act
    const first = cache.getKey('key-1');
    await expect(first).rejects.toBeInstanceOf(AuthUnavailableError);
    await expect(cache.getKey('key-1')).rejects.toBeInstanceOf(AuthUnavailableError);
    const callsDuringBackoff = jwks.state.calls;
    jwks.state.fail = false;
    clock.advance(5_000);

    // Assess
    expect(callsDuringBackoff).toBe(1);
    await expect(cache.getKey('key-1')).resolves.toBeDefined();
    expect(jwks.state.calls).toBe(2);
  });

  it('keeps serving an expired key set while the JWKS cannot be fetched', async () => {
    const { cache, clock, jwks } = setup({ ttlMs: 1_000, failureBackoffMs: 5_000 });
    await cache.getKey('key-1');
    jwks.state.fail = true;
    clock.advance(1_000);

    await expect(cache.getKey('key-1')).resolves.toBeDefined(); // at once; the refetch runs behind
    expect(await until(() => cache.stats().fetchFailures === 1)).toBe(true);
    clock.advance(1_000);
    await expect(cache.getKey('key-1')).resolves.toBeDefined();
    expect(jwks.state.calls).toBe(2);
    expect(cache.stats()).toMatchObject({ fetches: 2, fetchFailures: 1, keys: 2 });
  });

  it('throws AuthUnavailableError when the refetch for an unknown kid fails', async () => {
    const { cache, clock, jwks } = setup();
    await cache.getKey('key-1');
    jwks.state.fail = true;
    clock.advance(60_000);

    await expect(cache.getKey('key-2')).rejects.toBeInstanceOf(AuthUnavailableError);
  });

  it('treats a body that is not a JWKS as unavailable', async () => {
    const { cache, jwks } = setup();
    jwks.state.body = { message: 'maintenance' };

    await expect(cache.getKey('key-1')).rejects.toThrow(/not a JWKS/);
  });

  it('ignores keys without kid and imports only the public part of a key', async () => {
    const { cache, jwks } = setup();
    const { kid: _kid, ...withoutKid } = rotated.publicJwk;
    jwks.state.keys = [withoutKid, { ...key.publicJwk, d: 'bm90LWEtcmVhbC1wcml2YXRlLWtleQ' }];

    const found = await cache.getKey('key-1');

    expect(found?.type).toBe('public');
    expect(cache.stats().keys).toBe(1);
  });

  it('forgets the key set on clear and drops a fetch under way', async () => {
    const { cache, jwks } = setup();
    const pending = cache.getKey('key-1');

    cache.clear();

    await expect(pending).rejects.toBeInstanceOf(AuthUnavailableError); // superseded by the clear
    expect(cache.stats()).toMatchObject({ keys: 0, fetchedAt: undefined });
    await cache.getKey('key-1');
    expect(jwks.state.calls).toBe(2);
  });

  it.each([
    ['a relative URL', { jwksUrl: '/jwks.json' }],
    ['a non-HTTP URL', { jwksUrl: 'file:///etc/jwks.json' }],
    ['a negative TTL', { jwksUrl: JWKS_URL, ttlMs: -1 }],
    ['an infinite refetch interval', { jwksUrl: JWKS_URL, minRefetchIntervalMs: Infinity }],
    ['a negative max staleness', { jwksUrl: JWKS_URL, maxStaleMs: -1 }],
  ])('refuses %s', (_case, options) => {
    expect(() => createJwksCache(options)).toThrow(AuthOptionsError);
  });
});

describe('createJwksCache with a JWKS that hangs', () => {
  /** A fetch that never answers and ignores its abort signal: only the cache's own deadline ends it. */
  const hungFetch = (() => new Promise<Response>(() => undefined)) as typeof globalThis.fetch;

  it('fails a cold cache with AuthUnavailableError within its deadline, one fetch for every caller', async () => {
    let calls = 0;
    const cache = createJwksCache({
      jwksUrl: JWKS_URL,
      timeoutMs: 100,
      fetch: ((...args: Parameters<typeof globalThis.fetch>) => {
        calls += 1;
        return hungFetch(...args);
      }) as typeof globalThis.fetch,
    });

    const results = await Promise.allSettled(Array.from({ length: 20 }, () => cache.getKey('key-1')));

    expect(results.map((result) => result.status)).toEqual(Array(20).fill('rejected'));
    expect((results[0] as PromiseRejectedResult).reason).toBeInstanceOf(AuthUnavailableError);
    expect(calls).toBe(1);
  });

  it('keeps verifying with the expired key set at once while the refetch hangs', async () => {
    const clock = manualClock();
    const jwks = fakeJwksFetch([key.publicJwk]);
    let hang = false;
    const cache = createJwksCache({
      jwksUrl: JWKS_URL,
      ttlMs: 1_000,
      timeoutMs: 100,
      clock: clock.now,
      fetch: ((...args: Parameters<typeof globalThis.fetch>) =>
        hang ? hungFetch(...args) : jwks.fetch(...args)) as typeof globalThis.fetch,
    });
    await cache.getKey('key-1');
    hang = true;
    clock.advance(1_000);

    const during = await Promise.all(Array.from({ length: 20 }, () => cache.getKey('key-1')));

    expect(during.every((found) => found !== undefined)).toBe(true);
    expect(await until(() => cache.stats().fetchFailures === 1)).toBe(true);
    await expect(cache.getKey('key-1')).resolves.toBeDefined();
  });
});

describe('createJwksCache past maxStaleMs', () => {
  it('stops verifying with a key set expired longer than maxStaleMs while the JWKS cannot be fetched', async () => {
    const { cache, clock, jwks } = setup({ ttlMs: 1_000, failureBackoffMs: 1_000 });
    const bounded = createJwksCache({
      jwksUrl: JWKS_URL,
      fetch: jwks.fetch,
      clock: clock.now,
      ttlMs: 1_000,
      failureBackoffMs: 1_000,
      maxStaleMs: 10_000,
    });
    await Promise.all([cache.getKey('key-1'), bounded.getKey('key-1')]);
    jwks.state.fail = true;

    clock.advance(1_000 + 10_001);

    await expect(bounded.getKey('key-1')).rejects.toBeInstanceOf(AuthUnavailableError);
    await expect(cache.getKey('key-1')).resolves.toBeDefined(); // default: 1 h
  });
});

describe('clearJwksCaches', () => {
  it('empties every JWKS cache', async () => {
    const first = setup();
    const second = setup();
    await Promise.all([first.cache.getKey('key-1'), second.cache.getKey('key-1')]);

    clearJwksCaches();

    expect([first.cache.stats().keys, second.cache.stats().keys]).toEqual([0, 0]);
  });
});
