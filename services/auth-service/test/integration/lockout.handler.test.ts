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

  it('purges attempts past the retention and counters no rule reads any more', async () => {
    await service.query(
      `INSERT INTO login_attempts (email, outcome, attempted_at) VALUES ('old@itest.example', 'failure', now() - interval '91 days')`,
    );
    await service.query(
      `INSERT INTO login_throttles (key, count, since, updated_at) VALUES ('account:old@itest.example', 3, now() - interval '31 days', now() - interval '31 days')`,
    );
    const { handler } = await import('../../src/functions/purge-login-records/handler.js');
    const report = await handler({ id: 'purge-test' }, lambdaContext('auth-service-itest-purge'));
    expect(report).toEqual({ attempts: 1, counters: 1 });
    const left = await service.query<{ n: string }>(
      `SELECT count(*) AS n FROM login_attempts WHERE email = 'old@itest.example'`,
    );
    expect(left).toEqual([{ n: '0' }]);
    const kept = await service.query<{ n: string }>(`SELECT count(*) AS n FROM login_throttles`);
    expect(Number(kept[0]?.n)).toBeGreaterThan(0);
  }, 30_000);
});
