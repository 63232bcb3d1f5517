import { decodeJwt, decodeProtectedHeader } from 'jose';
import { beforeAll, describe, expect, it } from '@jest/globals';
import { verifyBearer } from '@platform/auth';
import { JoseAccessTokenSigner } from '../../src/adapters/access-token-signer.jose.js';
import { settingsJwks } from '../../src/adapters/settings-jwks.js';
import type { PrivateSigningJwk } from '../../src/adapters/signing-keys.js';
import { manualClock } from '../fixtures/in-memory.js';
import { signingKey } from '../fixtures/keys.js';

const ISSUER = 'https://auth.test';
const AUDIENCE = 'platform-test';

describe('JoseAccessTokenSigner', () => {
  let current: PrivateSigningJwk;
  let previous: PrivateSigningJwk;
  beforeAll(async () => {
    [current, previous] = await Promise.all([signingKey('key-2'), signingKey('key-1')]);
  });

  it('signs ES256 tokens with kid, iss, aud, sub, scope, iat, exp (15 minutes) and jti', async () => {
    const time = manualClock('2026-11-23T10:00:00Z');
    const signer = new JoseAccessTokenSigner({
      key: current,
      issuer: ISSUER,
      ttlSeconds: 900,
      clock: time.clock,
    });
    const { token, expiresIn } = await signer.sign({
      sub: 'user-1',
      scopes: ['risk:read', 'risk:refresh'],
      audience: AUDIENCE,
    });
    expect(expiresIn).toBe(900);
    expect(decodeProtectedHeader(token)).toEqual({ alg: 'ES256', kid: 'key-2', typ: 'at+jwt' });
    const claims = decodeJwt(token);
    expect(claims).toMatchObject({ iss: ISSUER, aud: AUDIENCE, sub: 'user-1', scope: 'risk:read risk:refresh' });
    expect(claims.iat).toBe(Date.parse('2026-11-23T10:00:00Z') / 1000);
    expect((claims.exp ?? 0) - (claims.iat ?? 0)).toBe(900);
    expect(claims.jti).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('makes tokens @platform/auth accepts with the published keys, current and previous', async () => {
    const jwks = settingsJwks({ current, previous });
    for (const key of [current, previous]) {
      const signer = new JoseAccessTokenSigner({ key, issuer: ISSUER, ttlSeconds: 900 });
      const { token } = await signer.sign({ sub: 'user-1', scopes: ['risk:read'], audience: AUDIENCE });
      const principal = await verifyBearer(`Bearer ${token}`, { jwks, issuer: ISSUER, audience: AUDIENCE });
      expect(principal).toMatchObject({ sub: 'user-1', scopes: ['risk:read'] });
    }
  });

  it('makes tokens that a key set without their key refuses', async () => {
    const signer = new JoseAccessTokenSigner({ key: previous, issuer: ISSUER, ttlSeconds: 900 });
    const { token } = await signer.sign({ sub: 'user-1', scopes: [], audience: AUDIENCE });
    await expect(
      verifyBearer(`Bearer ${token}`, { jwks: settingsJwks({ current }), issuer: ISSUER, audience: AUDIENCE }),
    ).rejects.toMatchObject({ reason: 'unknown-key' });
  });
});
