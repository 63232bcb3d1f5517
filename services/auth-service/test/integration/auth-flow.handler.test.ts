import { randomUUID } from 'node:crypto';
import { decodeJwt, decodeProtectedHeader } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { QueryTypes } from 'sequelize';
import { dbSettingsSchema } from '@platform/db';
import { startPostgres, type PostgresService } from '@platform/local-cloud';
import type { PrivateSigningJwk } from '../../src/adapters/signing-keys.js';
import type { Profile, TokenPair } from '../../src/core/types.js';
import { startHttpServer, type TestServer } from '@platform/local-cloud';
import { signingKey, signingKeyParameters } from '../fixtures/keys.js';
import { lambdaContext, request, type HttpHandler } from '../fixtures/lambda.js';
import { startLocalStack, type LocalStack } from '../fixtures/local-stack.js';

const STAGE = 'itest';
const ISSUER = 'https://auth.itest.example';
const AUDIENCE = 'platform-itest';
const ADMIN = { email: 'admin@itest.example', password: 'itest-admin-password' };
const PASSWORD = 'correct horse battery staple';

type Handlers = Record<'register' | 'token' | 'refresh' | 'logout' | 'me' | 'setRoles' | 'deleteUser', HttpHandler> & {
  jwks: HttpHandler;
};

/** register → token → me → refresh → reuse → logout, roles and lockout: the handlers in-process. */
describe('auth-service handlers, end to end on embedded Postgres and the local cloud', () => {
  let postgres: PostgresService;
  let stack: LocalStack;
  let jwksServer: TestServer;
  let key: PrivateSigningJwk;
  let h: Handlers;
  let jwksCalls = 0;

  let adminToken: Promise<string> | undefined;
  /** Registration is for admins: as the bootstrap admin, or as `bearer` when given (undefined: none). */
  const register = async (email: string, password = PASSWORD, as: { bearer?: string } | 'admin' = 'admin') => {
    adminToken ??= pairOf(ADMIN.email, ADMIN.password).then((pair) => pair.accessToken);
    const bearer = as === 'admin' ? await adminToken : as.bearer;
    return request<Profile>(h.register, 'POST', '/auth/users', {
      body: { email, password },
      ...(bearer ? { bearer } : {}),
    });
  };
  const token = (email: string, password = PASSWORD) =>
    request<TokenPair>(h.token, 'POST', '/auth/token', { body: { email, password } });
  const refresh = (refreshToken: string) =>
    request<TokenPair>(h.refresh, 'POST', '/auth/token/refresh', { body: { refreshToken } });
  const logout = (refreshToken: string) => request(h.logout, 'POST', '/auth/logout', { body: { refreshToken } });
  const me = (bearer?: string) => request<Profile>(h.me, 'GET', '/auth/me', bearer ? { bearer } : {});
  const setRoles = (id: string, roles: unknown, bearer: string) =>
    request<Profile>(h.setRoles, 'PUT', `/auth/users/${id}/roles`, { bearer, body: { roles }, pathParameters: { id } });
  const deleteUser = (id: string, bearer: string) =>
    request<{ id: string; deleted: boolean }>(h.deleteUser, 'DELETE', `/auth/users/${id}`, {
      bearer,
      pathParameters: { id },
    });
  const pairOf = async (email: string, password = PASSWORD): Promise<TokenPair> => {
    const answer = await token(email, password);
    expect(answer.statusCode).toBe(200);
    return answer.body.data;
  };
  const count = async (sql: string): Promise<number> => {
    const { database } = await import('../../src/deps.js');
    const { sequelize } = await database.get(dbSettingsSchema.parse({ url: postgres.url }));
    const [row] = await sequelize.query<{ n: number }>(sql, { type: QueryTypes.SELECT });
    return Number(row?.n);
  };

  beforeAll(async () => {
    [postgres, stack, key] = await Promise.all([startPostgres(), startLocalStack(STAGE), signingKey('itest-1')]);
    // The service's own JWKS handler, served over HTTP: what every verifier (and /auth/me) fetches.
    jwksServer = await startHttpServer(async (_req, res) => {
      jwksCalls += 1;
      const answer = await h.jwks({}, lambdaContext('auth-service-itest-jwks'));
      res.writeHead(answer.statusCode, answer.headers as Record<string, string>);
      res.end(answer.body);
    });
    await stack.putSettings({
      'shared/logLevel': 'silent',
      'shared/db/url': { secure: postgres.url },
      'shared/auth/jwksUrl': `${jwksServer.url}/.well-known/jwks.json`,
      'shared/auth/issuer': ISSUER,
      'shared/auth/audience': AUDIENCE,
      ...signingKeyParameters({ current: key }),
      'auth-service/lockout/maxAttempts': 3,
      'auth-service/lockout/seconds': 120,
      // The flow replays a rotated token at once and expects a reuse: no retry grace here.
      'auth-service/tokens/refreshReuseGraceSeconds': 0,
      'auth-service/bootstrapAdmin/email': ADMIN.email,
      'auth-service/bootstrapAdmin/password': { secure: ADMIN.password },
      // Stage itest is not local: this must be refused, not seeded.
      'auth-service/demoUser/email': 'demo@example.com',
      'auth-service/demoUser/password': { secure: 'local-demo-password' },
    });
    h = {
      register: (await import('../../src/functions/register/handler.js')).handler as HttpHandler,
      token: (await import('../../src/functions/token/handler.js')).handler as HttpHandler,
      refresh: (await import('../../src/functions/refresh/handler.js')).handler as HttpHandler,
      logout: (await import('../../src/functions/logout/handler.js')).handler as HttpHandler,
      me: (await import('../../src/functions/me/handler.js')).handler as HttpHandler,
      setRoles: (await import('../../src/functions/set-roles/handler.js')).handler as HttpHandler,
      deleteUser: (await import('../../src/functions/delete-user/handler.js')).handler as HttpHandler,
      jwks: (await import('../../src/functions/jwks/handler.js')).handler as HttpHandler,
    };
  }, 60_000);
  afterAll(async () => {
    const { database } = await import('../../src/deps.js');
    await database.close();
    await jwksServer?.stop();
    await stack?.stop();
    await postgres?.stop();
  });

  it('publishes the public key in the JWKS, cacheable for five minutes', async () => {
    const response = await fetch(`${jwksServer.url}/.well-known/jwks.json`);
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('public, max-age=300');
    const body = (await response.json()) as { keys: Array<Record<string, string>> };
    expect(body.keys).toEqual([
      { kty: 'EC', crv: 'P-256', x: key.x, y: key.y, kid: 'itest-1', alg: 'ES256', use: 'sig' },
    ]);
  });

  it('registers a user with a normalised email, and refuses the same email again with 409', async () => {
    const created = await register('  Ann@Example.com ');
    expect(created.statusCode).toBe(200);
    expect(created.body.data).toMatchObject({ email: 'ann@example.com', roles: [], scopes: [] });
    const again = await register('ANN@example.com', 'another long password');
    expect(again.statusCode).toBe(409);
    expect(again.body).toEqual({ status: 'conflict', message: 'This email address cannot be registered', data: null });
  });

  it('registers for admins only: 401 without a token, 403 without users:admin, the same for a taken email and a free one', async () => {
    const user = await pairOf('ann@example.com');
    for (const email of ['ann@example.com', 'free@example.com']) {
      const anonymous = await register(email, PASSWORD, {});
      expect(anonymous.statusCode).toBe(401);
      expect(anonymous.body).toMatchObject({ status: 'notAuthenticated' });
      const plainUser = await register(email, PASSWORD, { bearer: user.accessToken });
      expect(plainUser.statusCode).toBe(403);
      expect(plainUser.body).toMatchObject({ status: 'unauthorized' });
    }
    expect(await count(`SELECT count(*) AS n FROM users WHERE email = 'free@example.com'`)).toBe(0);
  });

  it('refuses weak passwords and malformed input with 400', async () => {
    expect((await register('weak@example.com', 'short')).body).toMatchObject({
      status: 'badRequest',
      data: { reason: 'too-short' },
    });
    expect((await register('weak@example.com', 'password1234')).body).toMatchObject({ data: { reason: 'common' } });
    const notEmail = await register('not an email');
    expect(notEmail.statusCode).toBe(400);
    expect(notEmail.body.data).toMatchObject({ issues: [{ field: 'body.email' }] });
  });

  it('stores the password as a production-cost scrypt hash', async () => {
    expect(
      await count(
        `SELECT count(*) AS n FROM users WHERE email = 'ann@example.com' AND password_hash LIKE 'scrypt$131072$8$1$%'`,
      ),
    ).toBe(1);
  });

  it('logs in, and /auth/me verifies the token against the JWKS and answers the profile', async () => {
    const answer = await token('ann@example.com');
    expect(answer.statusCode).toBe(200);
    expect(answer.headers['cache-control']).toBe('no-store');
    const pair = answer.body.data;
    expect(pair).toMatchObject({ tokenType: 'Bearer', expiresIn: 900, refreshExpiresIn: 2_592_000, scope: '' });
    expect(decodeProtectedHeader(pair.accessToken)).toMatchObject({ alg: 'ES256', kid: 'itest-1' });
    const claims = decodeJwt(pair.accessToken);
    expect(claims).toMatchObject({ iss: ISSUER, aud: AUDIENCE, scope: '' });

    const profile = await me(pair.accessToken);
    expect(profile.statusCode).toBe(200);
    expect(profile.body.data).toMatchObject({ id: claims.sub, email: 'ann@example.com', roles: [], scopes: [] });
    expect(jwksCalls).toBeGreaterThan(0);
  });

  it('refuses /auth/me without a token, or with a token it did not sign', async () => {
    expect((await me()).statusCode).toBe(401);
    const { JoseAccessTokenSigner } = await import('../../src/adapters/access-token-signer.jose.js');
    const { token: otherKey } = await new JoseAccessTokenSigner({
      key: await signingKey('itest-1'),
      issuer: ISSUER,
      ttlSeconds: 900,
    }).sign({
      sub: randomUUID(),
      scopes: ['users:admin'],
      audience: AUDIENCE,
    });
    const answer = await me(otherKey);
    expect(answer.statusCode).toBe(401);
    expect(answer.body.message).toBe('Invalid bearer token: bad signature');
  });

  it('rotates the refresh token; reusing the old one revokes the family', async () => {
    const first = await pairOf('ann@example.com');
    const rotated = await refresh(first.refreshToken);
    expect(rotated.statusCode).toBe(200);
    const second = rotated.body.data;
    expect(second.refreshToken).not.toBe(first.refreshToken);
    expect((await me(second.accessToken)).statusCode).toBe(200);

    const reuse = await refresh(first.refreshToken);
    expect(reuse.statusCode).toBe(401);
    expect(reuse.body.message).toContain('reuse detected');
    const afterRevocation = await refresh(second.refreshToken);
    expect(afterRevocation.statusCode).toBe(401);
    expect(afterRevocation.body.message).toBe('Invalid refresh token');
  });

  it('stores refresh tokens only as SHA-256 hashes', async () => {
    const pair = await pairOf('ann@example.com');
    const { createHash } = await import('node:crypto');
    const hash = createHash('sha256').update(pair.refreshToken).digest('base64url');
    expect(await count(`SELECT count(*) AS n FROM refresh_tokens WHERE token_hash = '${hash}'`)).toBe(1);
    expect(await count(`SELECT count(*) AS n FROM refresh_tokens WHERE token_hash = '${pair.refreshToken}'`)).toBe(0);
  });

  it('logs out by revoking the family; again is still success, an unknown token is skipped', async () => {
    const pair = await pairOf('ann@example.com');
    const out = await logout(pair.refreshToken);
    expect(out.statusCode).toBe(200);
    expect(out.body).toEqual({ status: 'success', message: 'Logged out', data: { revokedTokens: 1 } });
    expect((await logout(pair.refreshToken)).body).toMatchObject({ status: 'success', data: { revokedTokens: 0 } });
    expect((await logout('never-issued-token')).body).toMatchObject({ status: 'skipped' });
    expect((await refresh(pair.refreshToken)).statusCode).toBe(401);
  });

  it('lets only users:admin set roles, maps roles to scopes, and refuses unknown roles and users', async () => {
    const user = (await register('bob@example.com')).body.data;
    const bob = await pairOf('bob@example.com');
    const forbidden = await setRoles(user.id, ['admin'], bob.accessToken);
    expect(forbidden.statusCode).toBe(403);
    expect(forbidden.body.message).toBe('Missing required scope: users:admin');

    const admin = await pairOf(ADMIN.email, ADMIN.password);
    expect(admin.scope).toBe('risk:read risk:refresh users:admin');
    const set = await setRoles(user.id, ['risk-operator'], admin.accessToken);
    expect(set.statusCode).toBe(200);
    expect(set.body.data).toMatchObject({
      id: user.id,
      roles: ['risk-operator'],
      scopes: ['risk:read', 'risk:refresh'],
    });

    const unknownRole = await setRoles(user.id, ['superuser'], admin.accessToken);
    expect(unknownRole.statusCode).toBe(400);
    expect(unknownRole.body.data).toEqual({ unknownRoles: ['superuser'] });
    expect((await setRoles(randomUUID(), ['risk-reader'], admin.accessToken)).statusCode).toBe(404);
    expect((await setRoles('not-a-uuid', ['risk-reader'], admin.accessToken)).statusCode).toBe(400);

    // The new scopes reach tokens at the next refresh.
    const refreshed = (await refresh(bob.refreshToken)).body.data;
    expect(decodeJwt(refreshed.accessToken).scope).toBe('risk:read risk:refresh');
    expect((await me(refreshed.accessToken)).body.data).toMatchObject({ roles: ['risk-operator'] });
  });

  it('lets only users:admin delete a user, never themselves, and ends every session of the deleted user', async () => {
    // Arrange: dave with two sessions and a role, and his login records
    const user = (await register('dave@example.com')).body.data;
    const admin = await pairOf(ADMIN.email, ADMIN.password);
    expect((await setRoles(user.id, ['risk-reader'], admin.accessToken)).statusCode).toBe(200);
    const first = await pairOf('dave@example.com');
    const second = await pairOf('dave@example.com');
    const adminId = String(decodeJwt(admin.accessToken).sub);

    // Act / Assert: refused to dave himself, to a bad id and to the admin's own account
    const byDave = await deleteUser(user.id, first.accessToken);
    expect(byDave.statusCode).toBe(403);
    expect(byDave.body.message).toBe('Missing required scope: users:admin');
    expect((await deleteUser('not-a-uuid', admin.accessToken)).statusCode).toBe(400);
    const self = await deleteUser(adminId, admin.accessToken);
    expect(self.statusCode).toBe(409);
    expect(self.body).toMatchObject({ status: 'conflict' });
    expect((await token(ADMIN.email, ADMIN.password)).statusCode).toBe(200);

    const deleted = await deleteUser(user.id, admin.accessToken);

    expect(deleted.statusCode).toBe(200);
    expect(deleted.body).toMatchObject({ status: 'success', data: { id: user.id, deleted: true } });
    expect((await deleteUser(user.id, admin.accessToken)).statusCode).toBe(404);
    expect((await token('dave@example.com')).statusCode).toBe(401);
    expect((await refresh(first.refreshToken)).statusCode).toBe(401);
    expect((await refresh(second.refreshToken)).statusCode).toBe(401);
    expect(await count(`SELECT count(*) AS n FROM users WHERE email = 'dave@example.com'`)).toBe(0);
    // The email can be registered again (a new account, no roles).
    expect((await register('dave@example.com')).body.data).toMatchObject({ roles: [] });
  });

  it('does not seed the demo user outside the local stage', async () => {
    expect((await token('demo@example.com', 'local-demo-password')).statusCode).toBe(401);
    expect(await count(`SELECT count(*) AS n FROM users WHERE email = 'demo@example.com'`)).toBe(0);
  });

  it('locks an email after maxAttempts failures: 429 with Retry-After, even for the right password', async () => {
    await register('carol@example.com');
    for (let i = 0; i < 3; i += 1) {
      const failed = await token('carol@example.com', `wrong password ${i}`);
      expect(failed.statusCode).toBe(401);
      expect(failed.body.message).toBe('Invalid email or password');
    }
    const locked = await token('carol@example.com');
    expect(locked.statusCode).toBe(429);
    expect(locked.body).toMatchObject({ status: 'tooManyRequests' });
    expect(Number(locked.headers['retry-after'])).toBeGreaterThan(100);
    expect(Number(locked.headers['retry-after'])).toBeLessThanOrEqual(120);
    expect(await count(`SELECT count(*) AS n FROM login_attempts WHERE email = 'carol@example.com'`)).toBe(4);
  });

  it('keeps SQL in an email as data', async () => {
    const hostile = `o'brien'--@example.com`;
    const created = await register(hostile);
    expect(created.statusCode).toBe(200);
    expect(created.body.data.email).toBe(hostile);
    expect((await token(hostile)).statusCode).toBe(200);
    expect((await token(`ann@example.com' OR '1'='1`)).statusCode).toBe(400);
    expect((await token(`x@example.com'; DROP TABLE users; --`)).statusCode).toBe(400);
    expect(await count(`SELECT count(*) AS n FROM users WHERE email = 'o''brien''--@example.com'`)).toBe(1);
    expect(await count('SELECT count(*) AS n FROM users')).toBeGreaterThanOrEqual(4);
  });
});
