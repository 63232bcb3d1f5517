import { SignJWT } from 'jose';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import {
  AuthUnavailableError,
  MalformedAuthorizationHeaderError,
  MissingTokenError,
  TokenInvalidError,
  clearJwksCaches,
  createJwksCache,
  verifyBearer,
  type TokenInvalidReason,
} from '../../src/index.js';
import { startJwksServer, unreachableUrl, type JwksServer } from '../fixtures/jwks-server.js';
import { until } from '../fixtures/until.js';
import { manualClock } from '../fixtures/manual-clock.js';
import {
  AUDIENCE,
  ISSUER,
  createTestKey,
  nowSeconds,
  signToken,
  unsecuredToken,
  type TestKey,
} from '../fixtures/tokens.js';

let server: JwksServer;
let key: TestKey;
let rsaKey: TestKey;
let options: { jwksUrl: string; issuer: string; audience: string };

/** The error `promise` rejects with (fails the test when it resolves). */
const rejection = async (promise: Promise<unknown>): Promise<unknown> =>
  promise.then(
    () => {
      throw new Error('expected a rejection');
    },
    (error: unknown) => error,
  );

const expectRefused = async (token: string, reason: TokenInvalidReason, extra: object = {}) => {
  const error = await rejection(verifyBearer(`Bearer ${token}`, { ...options, ...extra }));
  expect(error).toBeInstanceOf(TokenInvalidError);
  expect(error).toMatchObject({ reason, status: 'notAuthenticated' });
  expect((error as Error).message).not.toContain(token);
};

beforeAll(async () => {
  [key, rsaKey] = await Promise.all([createTestKey('key-1'), createTestKey('rsa-1', 'RS256')]);
  server = await startJwksServer([key.publicJwk, rsaKey.publicJwk]);
  options = { jwksUrl: server.url, issuer: ISSUER, audience: AUDIENCE };
});

afterAll(async () => {
  await server.close();
});

beforeEach(() => {
  clearJwksCaches();
  server.setKeys([key.publicJwk, rsaKey.publicJwk]);
  server.setStatus(200);
  server.resetRequests();
});

describe('verifyBearer', () => {
  describe('valid tokens', () => {
    it('returns the principal with its scopes', async () => {
      // Prepare
      const token = await signToken(key, { sub: 'user-42', scope: 'risk:read  risk:write risk:read' });

      // Act
      const principal = await verifyBearer(`Bearer ${token}`, options);

      // Assess
      expect(principal.sub).toBe('user-42');
      expect(principal.scopes).toEqual(['risk:read', 'risk:write']);
      expect(principal.claims).toMatchObject({ iss: ISSUER, aud: AUDIENCE, sub: 'user-42' });
    });

    it('returns no scopes when the token has no scope claim', async () => {
      const token = await new SignJWT({})
        .setProtectedHeader({ alg: 'ES256', kid: key.kid, typ: 'at+jwt' })
        .setSubject('user-1')
        .setIssuer(ISSUER)
        .setAudience(AUDIENCE)
        .setExpirationTime('1h')
        .sign(key.privateKey);

      expect((await verifyBearer(`Bearer ${token}`, options)).scopes).toEqual([]);
    });

    it('accepts exp, nbf and iat that are off by less than the clock skew', async () => {
      const now = nowSeconds();
      const token = await signToken(key, { exp: now - 10, nbf: now + 10, iat: now + 10 });

      await expect(verifyBearer(`Bearer ${token}`, options)).resolves.toMatchObject({ sub: 'user-1' });
    });

    it('accepts one of several issuers and audiences', async () => {
      const token = await signToken(key);

      const principal = await verifyBearer(`bearer ${token}`, {
        ...options,
        issuer: ['https://other.test', ISSUER],
        audience: ['fetch-service', AUDIENCE],
      });

      expect(principal.sub).toBe('user-1');
    });
  });

  describe('claims', () => {
    it('refuses an expired token', async () => {
      await expectRefused(await signToken(key, { iat: nowSeconds() - 7200, exp: nowSeconds() - 60 }), 'expired');
    });

    it('refuses a token that is not yet valid (nbf)', async () => {
      await expectRefused(await signToken(key, { nbf: nowSeconds() + 120 }), 'not-yet-valid');
    });

    it('refuses a token issued in the future beyond the skew', async () => {
      await expectRefused(await signToken(key, { iat: nowSeconds() + 120 }), 'issued-in-future');
    });

    it('applies a custom clock skew', async () => {
      await expectRefused(await signToken(key, { exp: nowSeconds() - 10 }), 'expired', { clockToleranceSeconds: 0 });
    });

    it('refuses a wrong issuer', async () => {
      await expectRefused(await signToken(key, { issuer: 'https://evil.test' }), 'wrong-issuer');
    });

    it('accepts typ at+jwt as RFC 9068 allows it: with the application/ prefix, in any case', async () => {
      for (const typ of ['at+jwt', 'application/at+jwt', 'AT+JWT', 'Application/AT+jwt']) {
        await expect(verifyBearer(`Bearer ${await signToken(key, { typ })}`, options)).resolves.toMatchObject({
          sub: 'user-1',
        });
      }
    });

    it('refuses a token of another type (an ID token, a plain JWT, none) signed by the same key', async () => {
      for (const typ of ['JWT', 'jwt', 'id_token+jwt', 'at+jwt ', 'application/jwt', 'xat+jwt', null]) {
        await expectRefused(await signToken(key, { typ }), 'wrong-type');
      }
    });

    it('refuses a wrong audience', async () => {
      await expectRefused(await signToken(key, { audience: 'fetch-service' }), 'wrong-audience');
    });

    it('refuses a token without exp', async () => {
      const token = await new SignJWT({ sub: 'user-1', iss: ISSUER, aud: AUDIENCE })
        .setProtectedHeader({ alg: 'ES256', kid: key.kid, typ: 'at+jwt' })
        .sign(key.privateKey);

      await expectRefused(token, 'missing-claim');
    });

    it('refuses a scope claim that is not a string', async () => {
      const token = await new SignJWT({ scope: ['risk:read'] })
        .setProtectedHeader({ alg: 'ES256', kid: key.kid, typ: 'at+jwt' })
        .setSubject('user-1')
        .setIssuer(ISSUER)
        .setAudience(AUDIENCE)
        .setExpirationTime('1h')
        .sign(key.privateKey);

      await expectRefused(token, 'invalid-claim');
    });
  });

  describe('header and signature', () => {
    it('refuses a token without kid', async () => {
      await expectRefused(await signToken(key, { kid: null }), 'missing-kid');
    });

    it('refuses a token whose signature does not match', async () => {
      const forger = await createTestKey(key.kid);

      await expectRefused(await signToken(forger), 'bad-signature');
    });

    it('refuses a tampered payload', async () => {
      const [header, , signature] = (await signToken(key)).split('.');
      const payload = Buffer.from(JSON.stringify({ sub: 'admin', iss: ISSUER, aud: AUDIENCE, exp: nowSeconds() + 60 }));

      await expectRefused(`${header}.${payload.toString('base64url')}.${signature}`, 'bad-signature');
    });

    it('refuses a token that is not a JWS', async () => {
      await expectRefused('not.a.jwt', 'malformed');
    });

    it('refuses HS256 signed with the public key as the secret', async () => {
      const secret = new TextEncoder().encode(JSON.stringify(key.publicJwk));
      const token = await new SignJWT({ scope: 'risk:read' })
        .setProtectedHeader({ alg: 'HS256', kid: key.kid })
        .setSubject('user-1')
        .setIssuer(ISSUER)
        .setAudience(AUDIENCE)
        .setExpirationTime('1h')
        .sign(secret);

      await expectRefused(token, 'algorithm-not-allowed');
    });

    it('refuses alg none', async () => {
      await expectRefused(unsecuredToken({ kid: key.kid }), 'algorithm-not-allowed');
      expect(server.requests).toBe(0);
    });

    it('refuses RS256 even when the JWKS holds the RSA key', async () => {
      await expectRefused(await signToken(rsaKey), 'algorithm-not-allowed');
    });
  });

  describe('Authorization header', () => {
    it.each([
      ['absent', undefined, MissingTokenError],
      ['null', null, MissingTokenError],
      ['blank', '   ', MissingTokenError],
      ['Bearer with no token', 'Bearer ', MissingTokenError],
      ['another scheme', 'Basic dXNlcjpwYXNz', MalformedAuthorizationHeaderError],
      ['a bare token', 'eyJhbGciOiJFUzI1NiJ9.e30.c2ln', MalformedAuthorizationHeaderError],
      ['two tokens', 'Bearer abc def', MalformedAuthorizationHeaderError],
    ])('refuses a header that is %s with a 401', async (_case, header, errorClass) => {
      const error = await rejection(verifyBearer(header, options));

      expect(error).toBeInstanceOf(errorClass);
      expect(error).toMatchObject({ status: 'notAuthenticated', expose: true });
      expect(server.requests).toBe(0);
    });
  });

  describe('JWKS cache', () => {
    const cachedOptions = (clock: ReturnType<typeof manualClock>) => ({
      issuer: ISSUER,
      audience: AUDIENCE,
      clock: clock.now,
      jwks: createJwksCache({ jwksUrl: server.url, clock: clock.now }),
    });

    it('fetches the JWKS once for concurrent verifies on a cold cache', async () => {
      const token = await signToken(key);

      const principals = await Promise.all(Array.from({ length: 20 }, () => verifyBearer(`Bearer ${token}`, options)));

      expect(principals).toHaveLength(20);
      expect(server.requests).toBe(1);
    });

    it('refetches once for an unknown kid, then not again within a minute', async () => {
      // Prepare
      const clock = manualClock();
      const cached = cachedOptions(clock);
      await verifyBearer(`Bearer ${await signToken(key)}`, cached);
      clock.advance(61_000);

      // Act
      const first = await rejection(verifyBearer(`Bearer ${await signToken(key, { kid: 'random-1' })}`, cached));
      const afterFirst = server.requests;
      clock.advance(30_000);
      const second = await rejection(verifyBearer(`Bearer ${await signToken(key, { kid: 'random-2' })}`, cached));

      // Assess
      expect(first).toMatchObject({ reason: 'unknown-key' });
      expect(second).toMatchObject({ reason: 'unknown-key' });
      expect(afterFirst).toBe(2);
      expect(server.requests).toBe(2);
    });

    it('accepts a key published after the cache was filled, after the refetch', async () => {
      // Prepare
      const clock = manualClock();
      const cached = cachedOptions(clock);
      await verifyBearer(`Bearer ${await signToken(key)}`, cached);
      const rotated = await createTestKey('key-2');
      server.setKeys([key.publicJwk, rotated.publicJwk]);
      clock.advance(61_000);

      // Act
      const principal = await verifyBearer(`Bearer ${await signToken(rotated)}`, cached);

      // Assess
      expect(principal.sub).toBe('user-1');
      expect(server.requests).toBe(2);
    });

    it('refetches in the background after the TTL, verifying with the cached keys meanwhile', async () => {
      const clock = manualClock();
      const cached = cachedOptions(clock);
      const token = await signToken(key);
      await verifyBearer(`Bearer ${token}`, cached);

      clock.advance(599_000);
      await verifyBearer(`Bearer ${token}`, cached);
      expect(server.requests).toBe(1);
      clock.advance(1_000);
      await expect(verifyBearer(`Bearer ${token}`, cached)).resolves.toBeDefined();
      expect(await until(() => server.requests === 2)).toBe(true);
    });
  });

  describe('JWKS unavailable', () => {
    it('throws AuthUnavailableError (503) when the JWKS server is down', async () => {
      const token = await signToken(key);

      const error = await rejection(verifyBearer(`Bearer ${token}`, { ...options, jwksUrl: await unreachableUrl() }));

      expect(error).toBeInstanceOf(AuthUnavailableError);
      expect(error).toMatchObject({ status: 'unavailable', expose: false });
      expect((error as Error).cause).toBeDefined();
    });

    it('throws AuthUnavailableError when the JWKS answers an error status', async () => {
      server.setStatus(500);

      const error = await rejection(verifyBearer(`Bearer ${await signToken(key)}`, options));

      expect(error).toBeInstanceOf(AuthUnavailableError);
      expect((error as Error).message).toContain('HTTP 500');
    });
  });
});
