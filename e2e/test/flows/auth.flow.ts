import { expect, it } from '@jest/globals';
import type { StageTarget } from '../stage-target.js';

/**
 * auth-service and the protected risk API over HTTP only: the same tests against the local system
 * (`npm test`) and any deployed stage (`STAGE=<stage> npm run test:integration`). The user it
 * registers is new to the run and deleted by the flow itself (and by the run's cleanup, should a
 * step fail first).
 */
export const authFlow = (target: () => StageTarget): void => {
  it('registers, logs in, is refused then granted the risk API, refreshes, logs out, cannot refresh again, and is deleted', async () => {
    const t = target();
    const send = t.send;
    const email = `stage-suite-flow-${t.run}@example.com`;
    const password = 'a sufficiently long passphrase';
    const companyId = t.companyId('acme');

    // Registration is for admins (users:admin): without a token it is refused, taken email or not.
    expect((await send('auth-service', '/auth/users', { method: 'POST', body: { email, password } })).code).toBe(401);
    const admin = await t.adminToken();
    const registered = await send('auth-service', '/auth/users', {
      method: 'POST',
      body: { email, password },
      token: admin,
    });
    expect(registered.code).toBe(200);
    const userId = String(registered.body.data?.id);
    t.trackUser(userId);
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
    expect((await send('risk-service', `/financial-risk/${companyId}`, { token: first.accessToken })).code).toBe(403);
    expect((await send('risk-service', `/financial-risk/${companyId}`)).code).toBe(401);

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
      (await send('risk-service', `/financial-risk/${companyId}`, { token: second.accessToken })).code,
    );
    // risk-reader has no risk:refresh.
    expect(
      (
        await send('risk-service', `/financial-risk/${companyId}/refresh`, {
          method: 'POST',
          token: second.accessToken,
        })
      ).code,
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
    expect((await send('risk-service', `/financial-risk/${companyId}`, { token: third.accessToken })).code).toBe(401);

    expect(
      (await send('auth-service', '/auth/logout', { method: 'POST', body: { refreshToken: third.refreshToken } })).code,
    ).toBe(200);
    const afterLogout = await send('auth-service', '/auth/token/refresh', {
      method: 'POST',
      body: { refreshToken: third.refreshToken },
    });
    expect(afterLogout.code).toBe(401);
    expect(afterLogout.body.status).toBe('notAuthenticated');

    // Deleted by an admin: no login, no refresh of the session still open.
    const open = await send('auth-service', '/auth/token', { method: 'POST', body: { email, password } });
    expect(open.code).toBe(200);
    const deleted = await send('auth-service', `/auth/users/${userId}`, { method: 'DELETE', token: admin });
    expect(deleted.body).toMatchObject({ status: 'success', data: { id: userId, deleted: true } });
    expect((await send('auth-service', '/auth/token', { method: 'POST', body: { email, password } })).code).toBe(401);
    const orphan = open.body.data as { refreshToken: string };
    expect(
      (
        await send('auth-service', '/auth/token/refresh', {
          method: 'POST',
          body: { refreshToken: orphan.refreshToken },
        })
      ).code,
    ).toBe(401);
  });

  it('publishes the keys risk-service verifies with', async () => {
    const response = await fetch(target().url('auth-service', '/.well-known/jwks.json'));
    expect(response.headers.get('cache-control')).toContain('max-age');
    const { keys } = (await response.json()) as { keys: Array<{ kid: string; alg: string; d?: string }> };
    expect(keys.length).toBeGreaterThan(0);
    expect(keys.every((key) => key.alg === 'ES256' && key.d === undefined)).toBe(true);
  });
};
