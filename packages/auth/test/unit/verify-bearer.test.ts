import { errors } from 'jose';
import { describe, expect, it } from '@jest/globals';
import { AuthOptionsError, TokenInvalidError, createJwksCache, verifyBearer } from '../../src/index.js';
import { fakeJwksFetch } from '../fixtures/fake-jwks-fetch.js';
import { manualClock } from '../fixtures/manual-clock.js';
import { AUDIENCE, ISSUER, createTestKey, nowSeconds, signToken } from '../fixtures/tokens.js';

const JWKS_URL = 'https://auth.test/.well-known/jwks.json';

describe('verifyBearer', () => {
  it.each([
    ['an empty issuer', { issuer: '' }],
    ['no audience', { audience: [] }],
    ['a negative clock skew', { clockToleranceSeconds: -1 }],
    ['a JWKS URL that is not a URL', { jwksUrl: 'auth-service' }],
  ])('refuses %s with AuthOptionsError', async (_case, override) => {
    const options = { jwksUrl: JWKS_URL, issuer: ISSUER, audience: AUDIENCE, ...override };

    await expect(verifyBearer('Bearer abc', options)).rejects.toBeInstanceOf(AuthOptionsError);
  });

  it('checks the claims against the injected clock', async () => {
    // Prepare
    const key = await createTestKey('key-1');
    const clock = manualClock();
    const { fetch } = fakeJwksFetch([key.publicJwk]);
    const jwks = createJwksCache({ jwksUrl: JWKS_URL, fetch, clock: clock.now });
    const token = await signToken(key, { exp: nowSeconds() + 60 });
    const options = { jwks, issuer: ISSUER, audience: AUDIENCE, clock: clock.now };
    await verifyBearer(`Bearer ${token}`, options);

    // Act
    clock.advance(91_000);
    const error: unknown = await verifyBearer(`Bearer ${token}`, options).catch((thrown: unknown) => thrown);

    // Assess
    expect(error).toBeInstanceOf(TokenInvalidError);
    expect(error).toMatchObject({ reason: 'expired' });
    expect((error as Error).cause).toBeInstanceOf(errors.JWTExpired);
  });
});
