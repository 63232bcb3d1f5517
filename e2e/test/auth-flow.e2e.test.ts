import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ADMIN_EMAIL, ADMIN_PASSWORD, startTestSystem, type TestSystem } from './system.js';

interface Answer {
  status: string;
  message: string;
  data: Record<string, unknown> | null;
}

describe('auth-service and the protected risk API on the local system', () => {
  let t: TestSystem;
  beforeAll(async () => {
    t = await startTestSystem();
  }, 240_000);
  afterAll(async () => {
    await t?.stop();
  }, 240_000);

  const send = async (
    service: string,
    path: string,
    init: { method?: string; token?: string; body?: unknown } = {},
  ) => {
    const response = await fetch(t.url(service, path), {
      method: init.method ?? 'GET',
      headers: {
        ...(init.body === undefined ? {} : { 'content-type': 'application/json' }),
        ...(init.token ? { authorization: `Bearer ${init.token}` } : {}),
      },
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
    });
    return { code: response.status, body: (await response.json()) as Answer };
  };

  it('registers, logs in, is refused then granted the risk API, refreshes, logs out, and cannot refresh again', async () => {
    const email = `e2e-${Date.now()}@example.com`;
    const password = 'a sufficiently long passphrase';

    // Registration is for admins (users:admin): without a token it is refused, taken email or not.
    expect((await send('auth-service', '/auth/users', { method: 'POST', body: { email, password } })).code).toBe(401);
    const admin = await t.login(ADMIN_EMAIL, ADMIN_PASSWORD, 'auth-service');
    const registered = await send('auth-service', '/auth/users', {
      method: 'POST',
      body: { email, password },
      token: admin,
    });
    expect(registered.code).toBe(200);
    const userId = String(registered.body.data?.id);
    expect(
      (await send('auth-service', '/auth/users', { method: 'POST', body: { email, password }, token: admin })).code,
    ).toBe(409);

    // A token for risk-service (RFC 8707 `resource`); auth-service issues none for unknown audiences.
    expect(
      (await send('auth-service', '/auth/token', { method: 'POST', body: { email, password, resource: 'evil-api' } }))
        .code,
    ).toBe(400);
    const login = await send('auth-service', '/auth/token', {
      method: 'POST',
      body: { email, password, resource: 'risk-service' },
    });
    expect(login.code).toBe(200);
    const first = login.body.data as { accessToken: string; refreshToken: string; tokenType: string };
    expect(first.tokenType).toBe('Bearer');

    // No role yet: authenticated but not allowed.
    expect((await send('risk-service', '/financial-risk/acme-7', { token: first.accessToken })).code).toBe(403);
    expect((await send('risk-service', '/financial-risk/acme-7')).code).toBe(401);

    const granted = await send('auth-service', `/auth/users/${userId}/roles`, {
      method: 'PUT',
      token: admin,
      body: { roles: ['risk-reader'] },
    });
    expect(granted.code).toBe(200);
    expect(
      (
        await send('auth-service', `/auth/users/${userId}/roles`, {
          method: 'PUT',
          token: first.accessToken,
          body: { roles: ['admin'] },
        })
      ).code,
    ).toBe(401); // a token for risk-service is no token for auth-service (wrong audience)

    // The new scope arrives with the next refresh.
    const refreshed = await send('auth-service', '/auth/token/refresh', {
      method: 'POST',
      body: { refreshToken: first.refreshToken, resource: 'risk-service' },
    });
    expect(refreshed.code).toBe(200);
    const second = refreshed.body.data as { accessToken: string; refreshToken: string };
    expect([200, 202]).toContain(
      (await send('risk-service', '/financial-risk/acme-7', { token: second.accessToken })).code,
    );
    // risk-reader has no risk:refresh.
    expect(
      (await send('risk-service', '/financial-risk/acme-7/refresh', { method: 'POST', token: second.accessToken }))
        .code,
    ).toBe(403);

    // A token for risk-service is not one for auth-service, and the other way round.
    expect((await send('auth-service', '/auth/me', { token: second.accessToken })).code).toBe(401);
    const own = await send('auth-service', '/auth/token/refresh', {
      method: 'POST',
      body: { refreshToken: second.refreshToken },
    });
    const third = own.body.data as { accessToken: string; refreshToken: string };
    const me = await send('auth-service', '/auth/me', { token: third.accessToken });
    expect(me.body.data).toMatchObject({ email, roles: ['risk-reader'], scopes: ['risk:read'] });
    expect((await send('risk-service', '/financial-risk/acme-7', { token: third.accessToken })).code).toBe(401);

    expect(
      (await send('auth-service', '/auth/logout', { method: 'POST', body: { refreshToken: third.refreshToken } })).code,
    ).toBe(200);
    const afterLogout = await send('auth-service', '/auth/token/refresh', {
      method: 'POST',
      body: { refreshToken: third.refreshToken },
    });
    expect(afterLogout.code).toBe(401);
    expect(afterLogout.body.status).toBe('notAuthenticated');
  });

  it('answers a retried refresh with the same successor within the grace interval, and revokes the family after it', async () => {
    const login = await send('auth-service', '/auth/token', {
      method: 'POST',
      body: { email: 'demo@example.com', password: 'local-demo-password' },
    });
    const { refreshToken } = login.body.data as { refreshToken: string };
    const rotated = await send('auth-service', '/auth/token/refresh', { method: 'POST', body: { refreshToken } });
    const { refreshToken: newer } = rotated.body.data as { refreshToken: string };
    const retried = await send('auth-service', '/auth/token/refresh', { method: 'POST', body: { refreshToken } });
    expect(retried.code).toBe(200);
    expect((retried.body.data as { refreshToken: string }).refreshToken).toBe(newer);

    await new Promise((resolve) => setTimeout(resolve, 2_100)); // the local grace: 2 s (params/local.yml)
    expect((await send('auth-service', '/auth/token/refresh', { method: 'POST', body: { refreshToken } })).code).toBe(
      401,
    );
    expect(
      (await send('auth-service', '/auth/token/refresh', { method: 'POST', body: { refreshToken: newer } })).code,
    ).toBe(401);
  });

  it('publishes the keys risk-service verifies with', async () => {
    const response = await fetch(t.url('auth-service', '/.well-known/jwks.json'));
    expect(response.headers.get('cache-control')).toContain('max-age');
    const { keys } = (await response.json()) as { keys: Array<{ kid: string; alg: string; d?: string }> };
    expect(keys.length).toBeGreaterThan(0);
    expect(keys.every((key) => key.alg === 'ES256' && key.d === undefined)).toBe(true);
  });
});
