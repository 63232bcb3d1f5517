import { beforeAll, describe, expect, it } from '@jest/globals';
import { publicJwks, signingKeysJsonSchema, type PrivateSigningJwk } from '../../src/adapters/signing-keys.js';
import { signingKey } from '../fixtures/keys.js';

describe('signingKeysJsonSchema', () => {
  let current: PrivateSigningJwk;
  let next: PrivateSigningJwk;
  beforeAll(async () => {
    [current, next] = await Promise.all([signingKey('k-2'), signingKey('k-3')]);
  });

  it('parses the JSON of the SecureString', () => {
    const keys = signingKeysJsonSchema.parse(JSON.stringify({ current, next }));
    expect(keys.current.kid).toBe('k-2');
    expect(keys.next?.kid).toBe('k-3');
    expect(keys.previous).toBeUndefined();
  });

  it('refuses text that is not JSON without echoing it', () => {
    const result = signingKeysJsonSchema.safeParse(`{"current": ${JSON.stringify(current).slice(0, 40)}`);
    expect(result.success).toBe(false);
    expect(JSON.stringify(result.error?.issues)).not.toContain(current.x);
    expect(result.error?.issues[0]?.message).toContain('must be JSON');
  });

  it('refuses a public key where a private one belongs, and keys sharing a kid', () => {
    const { d: _d, ...publicOnly } = current;
    expect(signingKeysJsonSchema.safeParse(JSON.stringify({ current: publicOnly })).success).toBe(false);
    expect(signingKeysJsonSchema.safeParse(JSON.stringify({ current, previous: current })).success).toBe(false);
    expect(signingKeysJsonSchema.safeParse(JSON.stringify({ current: { ...current, crv: 'P-384' } })).success).toBe(
      false,
    );
  });

  it('publishes public parts only, current first, with alg and use', () => {
    const jwks = publicJwks({ current, next });
    expect(jwks.keys.map((key) => key.kid)).toEqual(['k-2', 'k-3']);
    for (const key of jwks.keys) {
      expect(Object.keys(key).sort()).toEqual(['alg', 'crv', 'kid', 'kty', 'use', 'x', 'y']);
      expect(key).toMatchObject({ alg: 'ES256', use: 'sig', kty: 'EC', crv: 'P-256' });
    }
    expect(JSON.stringify(jwks)).not.toContain(current.d);
  });
});
