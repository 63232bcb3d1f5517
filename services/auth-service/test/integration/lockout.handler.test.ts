import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startAuthService, type AuthServiceUnderTest } from '../fixtures/auth-service.js';
import { lambdaContext } from '../fixtures/lambda.js';

const STAGE = 'itest-lockout';
const PASSWORD = 'the owner knows this one';
const ATTACKER = '198.51.100.66';
const OWNER = '203.0.113.10';

/** The token handler over real Postgres and real scrypt: the counters are rows locked per attempt. */
describe('POST /auth/token throttling on Postgres', () => {
  let service: AuthServiceUnderTest;

  beforeAll(async () => {
    // Ten connections: concurrent attempts run in parallel transactions, as in separate Lambda containers.
    service = await startAuthService(STAGE, { 'auth-service/db/pool/max': 10 });
    for (const email of ['ann@itest.example', 'bob@itest.example', 'cy@itest.example']) {
      expect((await service.register(email, PASSWORD)).statusCode).toBe(200);
    }
  }, 60_000);
  afterAll(async () => {
    await service?.stop();
  });

  const outcomes = (codes: number[]) =>
    Object.fromEntries([...new Set(codes)].sort().map((code) => [code, codes.filter((c) => c === code).length]));

  it('checks 50 concurrent wrong guesses from one address 5 times (the limit), and refuses the rest with 429', async () => {
    const answers = await Promise.all(
      Array.from({ length: 50 }, (_, i) => service.token('ann@itest.example', `wrong guess ${i}!`, ATTACKER)),
    );
    expect(outcomes(answers.map((a) => a.statusCode))).toEqual({ 401: 5, 429: 45 });
    const refused = answers.find((a) => a.statusCode === 429);
    expect(refused?.body).toMatchObject({ status: 'tooManyRequests', data: null });
    expect(Number(refused?.headers['retry-after'])).toBeGreaterThan(800);
    const rows = await service.query<{ outcome: string; n: string }>(
      `SELECT outcome, count(*) AS n FROM login_attempts WHERE email = $1 GROUP BY outcome ORDER BY outcome`,
      ['ann@itest.example'],
    );
    expect(rows).toEqual([
      { outcome: 'failure', n: '5' },
      { outcome: 'locked', n: '45' },
    ]);
  }, 60_000);

  it('still logs the owner in from another address, while the attacker address stays locked out', async () => {
    expect((await service.token('ann@itest.example', PASSWORD, OWNER)).statusCode).toBe(200);
    expect((await service.token('ann@itest.example', PASSWORD, ATTACKER)).statusCode).toBe(429);
  }, 30_000);

  it('counts an IPv6 attacker by its /64, so new addresses in it do not reset the count', async () => {
    const codes: number[] = [];
    for (let i = 1; i <= 7; i += 1) {
      codes.push(
        (await service.token('bob@itest.example', `wrong guess ${i}!`, `2001:db8:7:7::${i.toString(16)}`)).statusCode,
      );
    }
    expect(codes).toEqual([401, 401, 401, 401, 401, 429, 429]);
    expect((await service.token('bob@itest.example', PASSWORD, '2001:db8:7:8::1')).statusCode).toBe(200);
  }, 60_000);

  it('purges old attempts, idle counters and ended sessions, and keeps what a rule still reads', async () => {
    await service.query(
      `INSERT INTO login_attempts (email, outcome, attempted_at) VALUES ('old@itest.example', 'failure', now() - interval '91 days')`,
    );
    await service.query(
      `INSERT INTO login_throttles (key, count, since, updated_at, last_success_at) VALUES
         ('account:old@itest.example', 3, now() - interval '2 days', now() - interval '2 days', NULL),
         ('pair:192.0.2.1:old@itest.example', 0, now() - interval '2 days', now() - interval '2 days', now() - interval '2 days')`,
    );
    const [user] = await service.query<{ id: string }>(`SELECT id FROM users WHERE email = 'ann@itest.example'`);
    await service.query(
      `INSERT INTO refresh_tokens (id, token_hash, family_id, user_id, expires_at, created_at) VALUES
         (gen_random_uuid(), 'ended-1', '00000000-0000-4000-8000-000000000001', $1, now() - interval '2 days', now() - interval '40 days'),
         (gen_random_uuid(), 'ended-2', '00000000-0000-4000-8000-000000000001', $1, now() - interval '3 days', now() - interval '41 days'),
         (gen_random_uuid(), 'live-old', '00000000-0000-4000-8000-000000000002', $1, now() - interval '3 days', now() - interval '41 days'),
         (gen_random_uuid(), 'live-new', '00000000-0000-4000-8000-000000000002', $1, now() + interval '20 days', now() - interval '10 days')`,
      [user?.id],
    );
    const { handler } = await import('../../src/functions/purge-login-records/handler.js');
    const report = await handler({ id: 'purge-test' }, lambdaContext('auth-service-itest-purge'));
    expect(report).toEqual({ attempts: 1, counters: 1, refreshTokens: 2 });
    const keys = await service.query<{ key: string }>(
      `SELECT key FROM login_throttles WHERE key LIKE '%old@itest.example'`,
    );
    expect(keys).toEqual([{ key: 'pair:192.0.2.1:old@itest.example' }]); // a known address: kept 30 days
    const tokens = await service.query<{ token_hash: string }>(
      `SELECT token_hash FROM refresh_tokens WHERE token_hash IN ('ended-1', 'ended-2', 'live-old', 'live-new') ORDER BY token_hash`,
    );
    // A live family keeps its old rows too: its first one dates the login (the absolute lifetime).
    expect(tokens).toEqual([{ token_hash: 'live-new' }, { token_hash: 'live-old' }]);
    expect(await handler({ id: 'purge-again' }, lambdaContext('auth-service-itest-purge'))).toEqual({
      attempts: 0,
      counters: 0,
      refreshTokens: 0,
    });
  }, 30_000);
});
