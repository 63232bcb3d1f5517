import { request as httpRequest } from 'node:http';
import { createServer, connect, type Server, type Socket } from 'node:net';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { GetParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import { importJWK, SignJWT, type JWK } from 'jose';
import pg from 'pg';
import { AuthUnavailableError, createJwksCache, verifyBearer } from '@platform/auth';
import { readParamsFile } from '@platform/settings/conventions';
import { ADMIN_EMAIL, ADMIN_PASSWORD, startTestSystem, type TestSystem } from './system.js';

/** One answer: code, headers, the parsed body, and how long it took. */
interface Answer {
  code: number;
  retryAfter: string | undefined;
  body: { status?: string; message?: string; data?: unknown };
  ms: number;
}

/**
 * An HTTP request from a chosen loopback address: the local gateway passes it on as the
 * function's `sourceIp`, as API Gateway does with a client's address.
 */
const send = (
  url: string,
  init: { method?: string; body?: unknown; token?: string; from?: string } = {},
): Promise<Answer> =>
  new Promise((resolve, reject) => {
    const started = performance.now();
    const payload = init.body === undefined ? undefined : JSON.stringify(init.body);
    const req = httpRequest(
      url,
      {
        method: init.method ?? (payload ? 'POST' : 'GET'),
        localAddress: init.from,
        headers: {
          ...(payload ? { 'content-type': 'application/json' } : {}),
          ...(init.token ? { authorization: `Bearer ${init.token}` } : {}),
        },
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () =>
          resolve({
            code: response.statusCode ?? 0,
            retryAfter: response.headers['retry-after'],
            body: JSON.parse(Buffer.concat(chunks).toString('utf8')) as Answer['body'],
            ms: performance.now() - started,
          }),
        );
      },
    );
    req.on('error', reject);
    req.end(payload);
  });

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? NaN;
};
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const standard = (body: Answer['body']) =>
  typeof body.status === 'string' && typeof body.message === 'string' && 'data' in body;

const PASSWORD = 'the owner knows this passphrase';

/** auth-service under attack, over HTTP, through the local API Gateway (issue 12's attack suite). */
describe('auth-service under attack', () => {
  let t: TestSystem;
  let admin: string;
  let database: pg.Client;
  const auth = (path: string) => t.url('auth-service', path);

  const register = async (email: string): Promise<void> => {
    const answer = await send(auth('/auth/users'), { body: { email, password: PASSWORD }, token: admin });
    expect(answer.code).toBe(200);
  };

  beforeAll(async () => {
    t = await startTestSystem();
    admin = await t.login(ADMIN_EMAIL, ADMIN_PASSWORD, 'auth-service');
    const ssm = new SSMClient({
      endpoint: t.cloud.endpoint,
      region: t.cloud.region,
      credentials: { accessKeyId: 'e2e', secretAccessKey: 'e2e' },
    });
    const url = await ssm.send(
      new GetParameterCommand({ Name: '/platform/local/shared/db/url', WithDecryption: true }),
    );
    ssm.destroy();
    database = new pg.Client({ connectionString: url.Parameter?.Value });
    await database.connect();
  }, 600_000);
  afterAll(async () => {
    await database?.end();
    await t?.stop();
  });

  it('checks 50 parallel wrong guesses from one address at most 5 times; the owner on another address still logs in', async () => {
    const email = `victim-${Date.now()}@example.com`;
    await register(email);

    const answers = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        send(auth('/auth/token'), { body: { email, password: `wrong guess ${i}!` }, from: '127.0.0.21' }),
      ),
    );

    // The gateway sheds part of the burst itself (THROTTLED, reserved concurrency): whatever reaches
    // the function is counted there. Then guess on, one at a time, until the address is locked out.
    expect(answers.filter((answer) => answer.code !== 401 && answer.code !== 429)).toEqual([]);
    expect(answers.every((answer) => standard(answer.body))).toBe(true);
    expect(answers.filter((answer) => answer.code === 429 && !answer.retryAfter)).toEqual([]);
    let checked = answers.filter((answer) => answer.code === 401).length;
    let locked: Answer | undefined;
    for (let i = 0; i < 10 && !locked; i += 1) {
      await sleep(300);
      const answer = await send(auth('/auth/token'), {
        body: { email, password: `later guess ${i}!` },
        from: '127.0.0.21',
      });
      if (answer.code === 401) checked += 1;
      else if (answer.body.message === 'Too many failed logins: try again later') locked = answer;
    }
    expect(checked).toBe(5);
    expect(Number(locked?.retryAfter)).toBeGreaterThan(0); // the local lock lasts 60 s (params/local.yml)
    const { rows } = await database.query<{ n: string }>(
      `SELECT count(*) AS n FROM login_attempts WHERE email = $1 AND outcome = 'failure'`,
      [email],
    );
    expect(rows).toEqual([{ n: '5' }]);

    // The owner, elsewhere, is not locked out; the attacker's address is, even with the password.
    const owner = await send(auth('/auth/token'), { body: { email, password: PASSWORD }, from: '127.0.0.22' });
    expect(owner.code).toBe(200);
    const attacker = await send(auth('/auth/token'), { body: { email, password: PASSWORD }, from: '127.0.0.21' });
    expect(attacker).toMatchObject({ code: 429, body: { message: 'Too many failed logins: try again later' } });
  }, 120_000);

  it('answers registration without users:admin alike for a taken and a free email: same status, same time (median of 20)', async () => {
    const taken = `taken-${Date.now()}@example.com`;
    await register(taken);
    const user = await send(auth('/auth/token'), { body: { email: taken, password: PASSWORD }, from: '127.0.0.23' });
    const plainToken = (user.body.data as { accessToken: string }).accessToken;

    const samples: Record<'taken' | 'free', Answer[]> = { taken: [], free: [] };
    for (let i = 0; i < 20; i += 1) {
      for (const kind of ['taken', 'free'] as const) {
        const email = kind === 'taken' ? taken : `free-${Date.now()}-${i}@example.com`;
        samples[kind].push(await send(auth('/auth/users'), { body: { email, password: PASSWORD } }));
        await sleep(220); // under the endpoint's 5/s, so the gateway's 429 plays no part
      }
    }
    const codes = (kind: 'taken' | 'free') => [...new Set(samples[kind].map((answer) => answer.code))];
    expect(codes('taken')).toEqual([401]);
    expect(codes('free')).toEqual([401]);
    expect(new Set([...samples.taken, ...samples.free].map((answer) => answer.body.message)).size).toBe(1);
    const [takenMs, freeMs] = [median(samples.taken.map((a) => a.ms)), median(samples.free.map((a) => a.ms))];
    // Neither does any work past the token check; the noise of this machine is a few milliseconds.
    expect(Math.abs(takenMs - freeMs)).toBeLessThan(Math.max(25, 0.5 * Math.min(takenMs, freeMs)));

    // A signed-in user without users:admin: 403 for both, nothing created.
    const asUser = await Promise.all(
      [taken, `free-${Date.now()}-user@example.com`].map((email) =>
        send(auth('/auth/users'), { body: { email, password: PASSWORD }, token: plainToken }),
      ),
    );
    expect(asUser.map((answer) => answer.code)).toEqual([403, 403]);
    const { rows } = await database.query<{ n: string }>(`SELECT count(*) AS n FROM users WHERE email LIKE 'free-%'`);
    expect(rows).toEqual([{ n: '0' }]);
  }, 120_000);

  it('refuses tokens confused by type, audience or kind, and issues none for an unknown resource', async () => {
    const risk = (token: string) => send(t.url('risk-service', '/financial-risk/acme-1'), { token });
    const forAuth = await t.login(undefined, undefined, 'auth-service');
    const forRisk = await t.login();

    expect(await risk(forAuth)).toMatchObject({ code: 401, body: { message: 'Invalid bearer token: wrong audience' } });
    expect(await send(auth('/auth/me'), { token: forRisk })).toMatchObject({
      code: 401,
      body: { message: 'Invalid bearer token: wrong audience' },
    });
    expect((await risk(forRisk)).code).not.toBe(401);

    // Signed with the service's (local, public) key, right issuer and audience, but typ JWT.
    const params = await readParamsFile(
      fileURLToPath(new URL('../../services/auth-service/params/local.yml', import.meta.url)),
      'platform',
      'local',
    );
    const privateKeys = params.find((parameter) => /"d"\s*:/.test(parameter.value));
    const { current } = JSON.parse(privateKeys?.value ?? '{}') as { current: JWK & { kid: string } };
    const claims = JSON.parse(Buffer.from(forRisk.split('.')[1] ?? '', 'base64url').toString('utf8')) as Record<
      string,
      unknown
    >;
    const plainJwt = await new SignJWT(claims)
      .setProtectedHeader({ alg: 'ES256', kid: current.kid, typ: 'JWT' })
      .sign(await importJWK(current, 'ES256'));
    expect(await risk(plainJwt)).toMatchObject({
      code: 401,
      body: { message: 'Invalid bearer token: not an access token (typ must be at+jwt)' },
    });

    const login = await send(auth('/auth/token'), {
      body: { email: 'demo@example.com', password: 'local-demo-password', resource: 'https://evil.example/api' },
      from: '127.0.0.24',
    });
    expect(login).toMatchObject({ code: 400, body: { status: 'badRequest', data: { error: 'invalid_target' } } });
    const pair = await send(auth('/auth/token'), {
      body: { email: 'demo@example.com', password: 'local-demo-password', resource: 'risk-service' },
      from: '127.0.0.24',
    });
    expect((await risk((pair.body.data as { refreshToken: string }).refreshToken)).code).toBe(401);
  }, 60_000);

  it('stops verifying with a key set staler than maxStaleMs while the JWKS endpoint hangs', async () => {
    // A proxy in front of auth-service's real JWKS endpoint that can start hanging (a silent outage).
    let hanging = false;
    const held: Socket[] = [];
    const piped: Socket[] = [];
    const upstream = new URL(auth('/.well-known/jwks.json'));
    const proxy: Server = createServer((client) => {
      if (hanging) {
        held.push(client);
        return;
      }
      piped.push(client);
      const server = connect(Number(upstream.port), upstream.hostname);
      client.pipe(server).pipe(client);
      client.on('error', () => server.destroy());
      server.on('error', () => client.destroy());
    });
    await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
    const port = (proxy.address() as { port: number }).port;
    let now = Date.now();
    const jwks = createJwksCache({
      jwksUrl: `http://127.0.0.1:${port}${upstream.pathname}`,
      clock: () => now,
      ttlMs: 60_000,
      maxStaleMs: 300_000,
      timeoutMs: 500,
      failureBackoffMs: 1_000,
    });
    const token = await t.login(undefined, undefined, 'auth-service');
    const claims = JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8')) as {
      iss: string;
      exp: number;
    };
    const verify = () =>
      verifyBearer(`Bearer ${token}`, { jwks, issuer: claims.iss, audience: 'auth-service', clock: () => now });
    try {
      await expect(verify()).resolves.toMatchObject({ sub: expect.any(String) });
      hanging = true;
      piped.forEach((socket) => socket.destroy()); // no kept-alive connection gets through either

      now += 60_000 + 200_000; // expired, but within the staleness bound: still verifies
      await expect(verify()).resolves.toMatchObject({ sub: expect.any(String) });
      now += 100_001 + 2_000; // past ttl + maxStaleMs: fails closed, 503
      const refused = await verify().catch((error: unknown) => error);
      expect(refused).toBeInstanceOf(AuthUnavailableError);
      expect(refused).toMatchObject({ status: 'unavailable' });
    } finally {
      held.forEach((socket) => socket.destroy());
      await new Promise((resolve) => proxy.close(resolve));
    }
  }, 60_000);

  it('refuses every password for a user whose stored hash was tampered to an empty or short key', async () => {
    const email = `tampered-${Date.now()}@example.com`;
    await register(email);
    const { rows } = await database.query<{ password_hash: string }>(
      'SELECT password_hash FROM users WHERE email = $1',
      [email],
    );
    const [scheme, n, r, p, salt] = (rows[0]?.password_hash ?? '').split('$');
    for (const key of ['A', Buffer.alloc(8).toString('base64url')]) {
      await database.query('UPDATE users SET password_hash = $1 WHERE email = $2', [
        [scheme, n, r, p, salt, key].join('$'),
        email,
      ]);
      for (const [i, password] of [PASSWORD, 'anything at all', 'x'].entries()) {
        const answer = await send(auth('/auth/token'), { body: { email, password }, from: `127.0.0.${30 + i}` });
        expect({ key, password, code: answer.code }).toEqual({ key, password, code: 401 });
        await sleep(100);
      }
    }
  }, 60_000);
});
