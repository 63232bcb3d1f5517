import { createPublicKey, randomUUID } from 'node:crypto';
import { importJWK, SignJWT, type JWTPayload } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { TokenPair } from '../../src/core/types.js';
import { ADMIN, AUDIENCE, ISSUER, startAuthService, type AuthServiceUnderTest } from '../fixtures/auth-service.js';
import type { HttpAnswer } from '../fixtures/lambda.js';

const STAGE = 'itest-security';

/** Characters that break naively built SQL, LIKE patterns, C strings or byte-counting code. */
const METACHARACTERS = {
  'a quote and a comment': `' OR 1=1 --`,
  'a stacked DROP TABLE': `"; DROP TABLE users; --`,
  'a backslash': '\\',
  'a percent sign': '%',
  'an underscore': '_',
  'a NUL character': '\u0000',
  emoji: '🔐👩‍💻',
};
const hostileText = (length: number): string => `' OR 1=1 -- "%_\\`.repeat(Math.ceil(length / 16)).slice(0, length);
/** 10 KB gets past the adapter's body limit to the schemas; 1 MiB of characters (JSON-escaped) exceeds that limit itself. */
const LONG_VALUES = { '10 KB': hostileText(10 * 1024), '1 MB': hostileText(1024 * 1024) };
const HOSTILE = { ...METACHARACTERS, ...LONG_VALUES };

/** A password with every metacharacter, a NUL in the middle and emoji: valid under the policy. */
const MIXED_PASSWORD = `' OR 1=1 -- "; DROP TABLE users; -- \\ % _ \u0000 🔐👩‍💻 after the NUL`;
const MIXED_EMAIL = 'mixed@example.com';

/** `<HTTP code> <status>` of an answer, after checking its body is a standard response and nothing more. */
const outcome = (answer: HttpAnswer): string => {
  expect(Object.keys(answer.body).sort()).toEqual(['data', 'message', 'status']);
  expect(typeof answer.body.message).toBe('string');
  return `${answer.statusCode} ${answer.body.status}`;
};

/** The outcome of sending each value, by the value's name. */
const outcomesOf = async (
  send: (value: string, index: number) => Promise<HttpAnswer>,
  values: Record<string, string> = HOSTILE,
): Promise<Record<string, string>> =>
  Object.fromEntries(
    await Promise.all(
      Object.entries(values).map(async ([name, value], index) => [name, outcome(await send(value, index))]),
    ),
  );

/** The same expected outcome for each named value. */
const each = (expected: string, values: Record<string, string>): Record<string, string> =>
  Object.fromEntries(Object.keys(values).map((name) => [name, expected]));

const nowSeconds = (): number => Math.floor(Date.now() / 1000);
const base64url = (value: object): string => Buffer.from(JSON.stringify(value)).toString('base64url');

/** Hostile input and forged tokens sent to the real handlers, on embedded Postgres and the local cloud. */
describe('auth-service handlers under hostile input', () => {
  let service: AuthServiceUnderTest;
  let mixed: { id: string; pair: TokenPair };
  let admin: TokenPair;

  const usersCount = async (): Promise<number> =>
    Number((await service.query<{ n: string }>('SELECT count(*) AS n FROM users'))[0]?.n);
  const loggedIn = async (email: string, password: string): Promise<TokenPair> => {
    const answer = await service.token(email, password);
    expect(outcome(answer)).toBe('200 success');
    return answer.body.data;
  };

  /** An access token signed with the service's key, with these claims and header fields changed. */
  const accessToken = async (
    claims: JWTPayload = {},
    header: Record<string, string | undefined> = {},
  ): Promise<string> => {
    const now = nowSeconds();
    const payload = {
      iss: ISSUER,
      aud: AUDIENCE,
      sub: mixed.id,
      scope: '',
      iat: now,
      exp: now + 900,
      jti: randomUUID(),
    };
    return new SignJWT({ ...payload, ...claims })
      .setProtectedHeader({ alg: 'ES256', kid: service.key.kid, typ: 'at+jwt', ...header })
      .sign(await importJWK(service.key, 'ES256'));
  };
  const withPayload = (token: string, claims: object): string => {
    const [header, payload, signature] = token.split('.');
    const decoded = JSON.parse(Buffer.from(payload ?? '', 'base64url').toString('utf8')) as object;
    return `${header}.${base64url({ ...decoded, ...claims })}.${signature}`;
  };
  const withSignatureFlipped = (token: string): string => {
    const [header, payload, signature = ''] = token.split('.');
    // The first character carries the signature's top six bits (the last one may carry only padding).
    return `${header}.${payload}.${signature.startsWith('A') ? 'B' : 'A'}${signature.slice(1)}`;
  };

  beforeAll(async () => {
    service = await startAuthService(STAGE, {
      // Wrong passwords are sent on purpose below; the lockout has tests of its own.
      'auth-service/lockout/maxAttempts': 1000,
    });
    const registered = await service.register(MIXED_EMAIL, MIXED_PASSWORD);
    expect(outcome(registered)).toBe('200 success');
    [admin, mixed] = await Promise.all([
      loggedIn(ADMIN.email, ADMIN.password),
      loggedIn(MIXED_EMAIL, MIXED_PASSWORD).then((pair) => ({ id: registered.body.data.id, pair })),
    ]);
  }, 60_000);
  afterAll(async () => {
    await service?.stop();
  });

  describe('POST /auth/users', () => {
    it('refuses every hostile email with 400 and stores nothing', async () => {
      const before = await usersCount();

      const outcomes = await outcomesOf((email) => service.register(email, 'correct horse battery staple'));

      expect(outcomes).toEqual(each('400 badRequest', HOSTILE));
      expect(await usersCount()).toBe(before);
    });

    it('answers each hostile password by the policy, and the one long enough registers and logs in as typed', async () => {
      const before = await usersCount();

      const outcomes = await outcomesOf((password, i) => service.register(`password-${i}@example.com`, password));

      expect(outcomes).toEqual({
        ...each('400 badRequest', HOSTILE),
        'a stacked DROP TABLE': '200 success',
      });
      expect(await usersCount()).toBe(before + 1);
      const index = Object.keys(HOSTILE).indexOf('a stacked DROP TABLE');
      await loggedIn(`password-${index}@example.com`, METACHARACTERS['a stacked DROP TABLE']);
    });

    it('stores an email with a quote, an underscore and a comment as itself; an underscore matches no other email', async () => {
      const email = `o'_--@example.com`;

      const created = await service.register(email, 'correct horse battery staple');
      const again = await service.register(`  O'_--@Example.COM`, 'another long passphrase');
      const pair = await loggedIn(email, 'correct horse battery staple');
      // As a LIKE pattern, `mixe_@example.com` would match mixed@example.com.
      const wildcard = await service.token('mixe_@example.com', MIXED_PASSWORD);

      expect(outcome(created)).toBe('200 success');
      expect(created.body.data.email).toBe(email);
      expect(outcome(again)).toBe('409 conflict');
      expect((await service.me(`Bearer ${pair.accessToken}`)).body.data).toMatchObject({
        id: created.body.data.id,
        email,
      });
      expect(outcome(wildcard)).toBe('401 notAuthenticated');
      expect(await service.query('SELECT email FROM users WHERE email LIKE $1', ['o%--@example.com'])).toEqual([
        { email },
      ]);
    });
  });

  describe('POST /auth/token', () => {
    it('refuses every hostile email with 400', async () => {
      const outcomes = await outcomesOf((email) => service.token(email, MIXED_PASSWORD));

      expect(outcomes).toEqual(each('400 badRequest', HOSTILE));
    });

    it('answers every hostile password with 401, or 400 when longer than any password', async () => {
      const outcomes = await outcomesOf((password) => service.token(MIXED_EMAIL, password));

      expect(outcomes).toEqual({
        ...each('401 notAuthenticated', METACHARACTERS),
        ...each('400 badRequest', LONG_VALUES),
      });
    });

    it('compares the whole password: what precedes the NUL, or the password without it, does not log in', async () => {
      const [beforeNul = ''] = MIXED_PASSWORD.split('\u0000');

      const truncated = await service.token(MIXED_EMAIL, beforeNul);
      const withoutNul = await service.token(MIXED_EMAIL, MIXED_PASSWORD.replace('\u0000', ''));

      expect(outcome(truncated)).toBe('401 notAuthenticated');
      expect(outcome(withoutNul)).toBe('401 notAuthenticated');
    });
  });

  describe('POST /auth/token/refresh and /auth/logout', () => {
    it('refuses every hostile refresh token with 401, or 400 when too long', async () => {
      const outcomes = await outcomesOf((refreshToken) => service.refresh(refreshToken));

      expect(outcomes).toEqual({
        ...each('401 notAuthenticated', METACHARACTERS),
        ...each('400 badRequest', LONG_VALUES),
      });
    });

    it('skips every hostile refresh token at logout, or refuses it with 400 when too long', async () => {
      const outcomes = await outcomesOf((refreshToken) => service.logout(refreshToken));

      expect(outcomes).toEqual({ ...each('200 skipped', METACHARACTERS), ...each('400 badRequest', LONG_VALUES) });
    });

    it('refuses a real refresh token with SQL appended, and the real one still rotates afterwards', async () => {
      const pair = await loggedIn(MIXED_EMAIL, MIXED_PASSWORD);

      const appended = await service.refresh(`${pair.refreshToken}' OR '1'='1`);
      const real = await service.refresh(pair.refreshToken);

      expect(outcome(appended)).toBe('401 notAuthenticated');
      expect(outcome(real)).toBe('200 success');
    });
  });

  describe('PUT /auth/users/{id}/roles', () => {
    it('refuses every hostile role name with 400, naming it as sent', async () => {
      const answers = await Promise.all(
        Object.values(METACHARACTERS).map((role) => service.setRoles(mixed.id, { roles: [role] }, admin.accessToken)),
      );
      const long = await outcomesOf(
        (role) => service.setRoles(mixed.id, { roles: [role] }, admin.accessToken),
        LONG_VALUES,
      );

      expect(answers.map(outcome)).toEqual(Object.values(METACHARACTERS).map(() => '400 badRequest'));
      expect(answers.map((answer) => answer.body.data)).toEqual(
        Object.values(METACHARACTERS).map((role) => ({ unknownRoles: [role] })),
      );
      expect(long).toEqual(each('400 badRequest', LONG_VALUES));
      expect((await service.me(`Bearer ${mixed.pair.accessToken}`)).body.data).toMatchObject({ roles: [] });
    });

    it('refuses every hostile user id in the path with 400', async () => {
      const outcomes = await outcomesOf((id) => service.setRoles(id, { roles: ['risk-reader'] }, admin.accessToken));

      expect(outcomes).toEqual(each('400 badRequest', HOSTILE));
    });

    it('refuses a caller without users:admin with 403, and a forged users:admin scope with 401', async () => {
      const forged = withPayload(mixed.pair.accessToken, { scope: 'users:admin' });
      const unsigned = `${base64url({ alg: 'none', typ: 'at+jwt' })}.${base64url({ sub: mixed.id, scope: 'users:admin' })}.`;

      const noScope = await service.setRoles(mixed.id, { roles: ['admin'] }, mixed.pair.accessToken);
      const tampered = await service.setRoles(mixed.id, { roles: ['admin'] }, forged);
      const none = await service.setRoles(mixed.id, { roles: ['admin'] }, unsigned);

      expect(outcome(noScope)).toBe('403 unauthorized');
      expect(noScope.body.message).toBe('Missing required scope: users:admin');
      expect(outcome(tampered)).toBe('401 notAuthenticated');
      expect(outcome(none)).toBe('401 notAuthenticated');
      expect((await service.me(`Bearer ${mixed.pair.accessToken}`)).body.data).toMatchObject({ roles: [] });
    });
  });

  describe('GET /auth/me', () => {
    it('answers the profile for a token signed as the service signs them (the forgeries below change one thing)', async () => {
      const answer = await service.me(`Bearer ${await accessToken()}`);

      expect(outcome(answer)).toBe('200 success');
      expect(answer.body.data).toMatchObject({ id: mixed.id, email: MIXED_EMAIL });
    });

    it.each<[string, () => Promise<string>, string]>([
      [
        'alg none',
        async () => `${base64url({ alg: 'none', kid: service.key.kid })}.${(await accessToken()).split('.')[1]}.`,
        'algorithm not allowed',
      ],
      [
        'HS256 signed with the public key as the secret',
        async () => {
          const { x, y, crv, kty } = service.key;
          const pem = createPublicKey({ key: { x, y, crv, kty }, format: 'jwk' }).export({
            type: 'spki',
            format: 'pem',
          });
          const payload = (await accessToken()).split('.')[1] ?? '';
          return new SignJWT(JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as JWTPayload)
            .setProtectedHeader({ alg: 'HS256', kid: service.key.kid })
            .sign(Buffer.from(pem));
        },
        'algorithm not allowed',
      ],
      ['an unknown kid', () => accessToken({}, { kid: 'not-a-published-key' }), 'unknown signing key'],
      [
        'a plain JWT signed by the service key (typ JWT)',
        () => accessToken({}, { typ: 'JWT' }),
        'not an access token (typ must be at+jwt)',
      ],
      ['a token without typ', () => accessToken({}, { typ: undefined }), 'not an access token (typ must be at+jwt)'],
      ['an expired token', () => accessToken({ iat: nowSeconds() - 1000, exp: nowSeconds() - 100 }), 'expired'],
      ['a token not valid yet', () => accessToken({ nbf: nowSeconds() + 600 }), 'not yet valid'],
      ['a token without exp', () => accessToken({ exp: undefined }), 'missing required claim'],
      ['a wrong issuer', () => accessToken({ iss: 'https://auth.attacker.example' }), 'wrong issuer'],
      ['a wrong audience', () => accessToken({ aud: 'another-platform' }), 'wrong audience'],
      ['a tampered payload', async () => withPayload(await accessToken(), { sub: randomUUID() }), 'bad signature'],
      ['a tampered signature', async () => withSignatureFlipped(await accessToken()), 'bad signature'],
    ])('refuses %s with 401', async (_case, forge, reason) => {
      const token = await forge();

      const answer = await service.me(`Bearer ${token}`);

      expect(answer.statusCode).toBe(401);
      expect(answer.body).toEqual({
        status: 'notAuthenticated',
        message: `Invalid bearer token: ${reason}`,
        data: null,
      });
    });

    it.each<[string, () => Promise<string> | string, string]>([
      ['an empty header', () => '', 'Missing Authorization header'],
      ['Bearer without a token', () => 'Bearer', 'Bearer token is empty'],
      ['a Basic credential', () => 'Basic dXNlcjpwYXNz', 'Authorization header must use the Bearer scheme'],
      ['a token without the scheme', () => accessToken(), 'Authorization header must use the Bearer scheme'],
      [
        'two bearer tokens',
        async () => `Bearer ${await accessToken()}, Bearer ${await accessToken()}`,
        'Bearer token must be a single value of token characters',
      ],
      ['SQL as the token', () => `Bearer ' OR 1=1 --`, 'Bearer token must be a single value of token characters'],
      [
        'a NUL in the token',
        async () => `Bearer ${await accessToken()}\u0000`,
        'Bearer token must be a single value of token characters',
      ],
      ['a 10 KB token', () => `Bearer ${'a'.repeat(10 * 1024)}`, 'Authorization header is too long'],
      ['three dots of nothing', () => 'Bearer not.a.jwt', 'Invalid bearer token: malformed token'],
    ])('refuses %s with 401', async (_case, header, message) => {
      const authorization = await header();

      const answer = await service.me(authorization);

      expect(answer.statusCode).toBe(401);
      expect(answer.body).toEqual({ status: 'notAuthenticated', message, data: null });
    });
  });

  it('still has every table, and no user but those registered on purpose', async () => {
    const dropIndex = Object.keys(HOSTILE).indexOf('a stacked DROP TABLE');
    const registered = [ADMIN.email, MIXED_EMAIL, `o'_--@example.com`, `password-${dropIndex}@example.com`];

    const tables = await service.query<{ name: string }>(
      `SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY table_name`,
    );
    const users = await service.query<{ email: string }>('SELECT email FROM users');

    expect(tables.map((table) => table.name)).toEqual([
      'login_attempts',
      'login_throttles',
      'refresh_tokens',
      'roles',
      'user_roles',
      'users',
    ]);
    expect(registered).toEqual(expect.arrayContaining(users.map((user) => user.email)));
  });
});
