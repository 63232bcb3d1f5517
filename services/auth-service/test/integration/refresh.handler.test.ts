import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startAuthService, type AuthServiceUnderTest } from '../fixtures/auth-service.js';

const STAGE = 'itest-refresh';
const PASSWORD = 'the owner knows this one';
const EMAIL = 'rita@itest.example';

/** Refresh rotation over real Postgres, with parallel transactions (pool of 10, as separate containers). */
describe('POST /auth/token/refresh on Postgres', () => {
  let service: AuthServiceUnderTest;

  beforeAll(async () => {
    service = await startAuthService(STAGE, {
      'auth-service/db/pool/max': 10,
      'auth-service/tokens/refreshReuseGraceSeconds': 1,
      'auth-service/tokens/refreshMaxLifetimeSeconds': 4,
    });
    expect((await service.register(EMAIL, PASSWORD)).statusCode).toBe(200);
  }, 60_000);
  afterAll(async () => {
    await service?.stop();
  });

  const login = async (): Promise<string> => {
    const answer = await service.token(EMAIL, PASSWORD);
    expect(answer.statusCode).toBe(200);
    return answer.body.data.refreshToken;
  };
  const familyOf = async (refreshToken: string) => {
    const { createHash } = await import('node:crypto');
    const hash = createHash('sha256').update(refreshToken).digest('base64url');
    return service.query<{ used: boolean; revoked: boolean }>(
      `SELECT used_at IS NOT NULL AS used, revoked_at IS NOT NULL AS revoked FROM refresh_tokens
        WHERE family_id = (SELECT family_id FROM refresh_tokens WHERE token_hash = $1) ORDER BY created_at`,
      [hash],
    );
  };

  it('gives 10 concurrent rotations of one token the same successor, and revokes nothing', async () => {
    const token = await login();
    const answers = await Promise.all(Array.from({ length: 10 }, () => service.refresh(token)));
    expect(answers.map((a) => a.statusCode)).toEqual(Array(10).fill(200));
    const successors = new Set(answers.map((a) => a.body.data.refreshToken));
    expect(successors.size).toBe(1);
    expect(await familyOf(token)).toEqual([
      { used: true, revoked: false },
      { used: false, revoked: false },
    ]);
  }, 30_000);

  it('revokes the family when the rotated token comes back after the grace interval', async () => {
    const token = await login();
    const next = await service.refresh(token);
    await sleep(1_100);
    const replay = await service.refresh(token);
    expect(replay.statusCode).toBe(401);
    expect(replay.body.message).toMatch(/reuse/);
    expect((await service.refresh(next.body.data.refreshToken)).statusCode).toBe(401);
    expect((await familyOf(token)).every((row) => row.revoked)).toBe(true);
  }, 30_000);

  it('ends the session maxLifetimeSeconds after the login, however recently it rotated', async () => {
    let token = await login();
    const first = await service.refresh(token);
    expect(first.body.data.refreshExpiresIn).toBeLessThanOrEqual(4);
    token = first.body.data.refreshToken;
    await sleep(4_100);
    expect((await service.refresh(token)).statusCode).toBe(401);
  }, 30_000);
});
