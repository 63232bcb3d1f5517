import { createServer, type Server } from 'node:http';
import { once } from 'node:events';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { z } from 'zod';
import { SignJWT, exportJWK, generateKeyPair, type CryptoKey } from 'jose';
import { clearJwksCaches, type AuthSettings } from '@platform/auth';
import { http } from '../../src/index.js';
import { capturingLogger, fixedSettings, lambdaContext } from '../fixtures/harness.js';

const ISSUER = 'https://auth.test';
const AUDIENCE = 'platform-api';

describe('http with auth: { scopes }', () => {
  let server: Server;
  let jwksUrl: string;
  let privateKey: CryptoKey;

  const token = (claims: Record<string, unknown>, expiresIn = '5m') =>
    new SignJWT(claims)
      .setProtectedHeader({ alg: 'ES256', kid: 'k1', typ: 'at+jwt' })
      .setIssuer(ISSUER)
      .setAudience(AUDIENCE)
      .setSubject('user-1')
      .setIssuedAt()
      .setExpirationTime(expiresIn)
      .sign(privateKey);

  const handlerWith = (auth: unknown) =>
    http(
      {
        // Typed as auth settings on purpose: the cases below send broken ones, checked at run time.
        settings: fixedSettings({ auth: auth as AuthSettings }),
        logger: capturingLogger().logger,
        input: z.object({}),
        auth: { scopes: ['risk:read'] },
      },
      async (_input, ctx) => ({ sub: ctx.principal?.sub, scopes: ctx.principal?.scopes }),
    );

  const call = async (
    authorization: string | undefined,
    auth: unknown = { jwksUrl, issuer: ISSUER, audience: AUDIENCE },
  ) => {
    const result = await handlerWith(auth)(
      { httpMethod: 'GET', headers: authorization ? { Authorization: authorization } : {} },
      lambdaContext(),
    );
    return {
      code: result.statusCode,
      body: JSON.parse(result.body) as { status: string; data: unknown },
      headers: result.headers,
    };
  };

  beforeAll(async () => {
    const pair = await generateKeyPair('ES256');
    privateKey = pair.privateKey;
    const jwk = { ...(await exportJWK(pair.publicKey)), kid: 'k1', alg: 'ES256', use: 'sig' };
    server = createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ keys: [jwk] }));
    }).listen(0, '127.0.0.1');
    await once(server, 'listening');
    const address = server.address();
    jwksUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/.well-known/jwks.json`;
  });
  afterAll(() => {
    server.close();
    clearJwksCaches();
  });

  it('calls the function with the verified principal when the token has the scope', async () => {
    const answer = await call(`Bearer ${await token({ scope: 'risk:read risk:refresh' })}`);
    expect(answer.code).toBe(200);
    expect(answer.body.data).toEqual({ sub: 'user-1', scopes: ['risk:read', 'risk:refresh'] });
  });

  it('answers 401 without a token, with a malformed header, or with an expired token', async () => {
    expect((await call(undefined)).code).toBe(401);
    expect((await call('Basic abc')).code).toBe(401);
    const expired = await token({ scope: 'risk:read' }, '-10m');
    const answer = await call(`Bearer ${expired}`);
    expect(answer.code).toBe(401);
    expect(answer.body.status).toBe('notAuthenticated');
  });

  it('answers 403 when the token lacks the scope', async () => {
    const answer = await call(`Bearer ${await token({ scope: 'users:admin' })}`);
    expect(answer.code).toBe(403);
    expect(answer.body.status).toBe('unauthorized');
  });

  it('answers 503 when the JWKS cannot be fetched', async () => {
    const answer = await call(`Bearer ${await token({ scope: 'risk:read' })}`, {
      jwksUrl: 'http://127.0.0.1:1/.well-known/jwks.json',
      issuer: ISSUER,
      audience: AUDIENCE,
    });
    expect(answer.code).toBe(503);
  });

  it('answers 500 without leaking details when the auth settings are missing', async () => {
    const answer = await call(`Bearer ${await token({ scope: 'risk:read' })}`, null);
    expect(answer.code).toBe(500);
    expect(JSON.stringify(answer.body)).not.toContain('jwksUrl');
  });
});
