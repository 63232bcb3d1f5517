import { beforeAll, describe, expect, it } from '@jest/globals';
import { publicJwks, publicKeysJsonSchema, publicKeysOf } from '../../src/adapters/public-keys.js';
import type { PrivateSigningJwk } from '../../src/adapters/signing-keys.js';
import { signingKey } from '../fixtures/keys.js';

describe('publicKeysJsonSchema', () => {
  let current: PrivateSigningJwk;
  let next: PrivateSigningJwk;
  beforeAll(async () => {
    [current, next] = await Promise.all([signingKey('k-2'), signingKey('k-3')]);
  });

  it('parses the JSON of the String parameter', () => {
    const keys = publicKeysJsonSchema.parse(JSON.stringify(publicKeysOf({ current, next })));
    expect(keys.current).toEqual({
      kty: 'EC',
      crv: 'P-256',
      x: current.x,
      y: current.y,
      kid: 'k-2',
      alg: 'ES256',
      use: 'sig',
    });
    expect(keys.next?.kid).toBe('k-3');
    expect(keys.previous).toBeUndefined();
  });

  it('refuses a private key (one with "d") with a clear message that never echoes it', () => {
    for (const keys of [{ current }, { current: publicKeysOf({ current }).current, next }]) {
      const result = publicKeysJsonSchema.safeParse(JSON.stringify(keys));
      expect(result.success).toBe(false);
      const issues = result.error?.issues ?? [];
      expect(issues).toHaveLength(1);
      expect(issues[0]?.path.at(-1)).toBe('d');
      expect(issues[0]?.message).toContain('has "d", the private part');
      expect(JSON.stringify(issues)).not.toContain(current.d);
      expect(JSON.stringify(issues)).not.toContain(next.d);
    }
  });

  it('refuses text that is not JSON without echoing it', () => {
    const text = JSON.stringify({ current }).slice(0, 60);
    const result = publicKeysJsonSchema.safeParse(text);
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toContain('must be JSON: { "current": <public JWK>');
    expect(JSON.stringify(result.error?.issues)).not.toContain(current.x);
  });

  it('refuses keys sharing a kid, other curves, and a missing current', () => {
    const { current: published } = publicKeysOf({ current });
    expect(publicKeysJsonSchema.safeParse(JSON.stringify({ current: published, previous: published })).success).toBe(
      false,
    );
    expect(publicKeysJsonSchema.safeParse(JSON.stringify({ current: { ...published, crv: 'P-384' } })).success).toBe(
      false,
    );
    expect(publicKeysJsonSchema.safeParse(JSON.stringify({ next: published })).success).toBe(false);
  });
});

describe('publicJwks', () => {
  let current: PrivateSigningJwk;
  let next: PrivateSigningJwk;
  beforeAll(async () => {
    [current, next] = await Promise.all([signingKey('k-2'), signingKey('k-3')]);
  });

  it('publishes public parts only, current first, with alg and use, even from private keys', () => {
    for (const keys of [{ current, next }, publicKeysOf({ current, next })]) {
      const jwks = publicJwks(keys);
      expect(jwks.keys.map((key) => key.kid)).toEqual(['k-2', 'k-3']);
      for (const key of jwks.keys) {
        expect(Object.keys(key).sort()).toEqual(['alg', 'crv', 'kid', 'kty', 'use', 'x', 'y']);
        expect(key).toMatchObject({ alg: 'ES256', use: 'sig', kty: 'EC', crv: 'P-256' });
      }
      expect(JSON.stringify(jwks)).not.toContain(current.d);
    }
  });
});
