import { describe, expect, it } from '@jest/globals';
import { InvalidRefreshTokenError, InvalidTargetError, RefreshTokenReusedError } from '../../src/core/errors.js';
import { logIn } from '../../src/core/log-in.js';
import { refreshSession } from '../../src/core/refresh-session.js';
import { hashRefreshToken } from '../../src/core/refresh-token.js';
import { inMemoryDeps, type RecordingSigner } from '../fixtures/in-memory.js';

const PASSWORD = 'a long enough secret';

const loggedIn = async () => {
  const fixture = inMemoryDeps();
  const user = await fixture.users.create({
    email: 'ann@example.com',
    passwordHash: `fake$v1$${PASSWORD}`,
    roles: ['risk-reader'],
  });
  const pair = await logIn(fixture.deps, { email: 'ann@example.com', password: PASSWORD });
  const first = await fixture.refreshTokens.findByHash(hashRefreshToken(pair.refreshToken));
  return { ...fixture, user, pair, familyId: first?.familyId ?? '' };
};

describe('refreshSession', () => {
  it('rotates: the old token is spent, a new one of the same family replaces it, with a new access token', async () => {
    const { deps, pair, refreshTokens, familyId, user } = await loggedIn();
    const next = await refreshSession(deps, pair.refreshToken);
    expect(next.refreshToken).not.toBe(pair.refreshToken);
    expect(next).toMatchObject({ accessToken: `access:${user.id}:risk:read`, scope: 'risk:read' });
    const family = refreshTokens.family(familyId);
    expect(family).toHaveLength(2);
    expect((await refreshTokens.findByHash(hashRefreshToken(pair.refreshToken)))?.usedAt).toEqual(deps.clock());
    expect((await refreshTokens.findByHash(hashRefreshToken(next.refreshToken)))?.usedAt).toBeUndefined();
    await expect(refreshSession(deps, next.refreshToken)).resolves.toBeDefined();
  });

  it('issues the new access token for the resource asked for, and refuses an unknown one untouched', async () => {
    const { deps, pair, refreshTokens, familyId } = await loggedIn();
    const next = await refreshSession(deps, pair.refreshToken, 'fetch-service');
    expect((deps.signer as RecordingSigner).audiences.at(-1)).toBe('fetch-service');
    await expect(refreshSession(deps, next.refreshToken, 'unknown-service')).rejects.toBeInstanceOf(InvalidTargetError);
    expect(refreshTokens.family(familyId).filter((token) => token.usedAt)).toHaveLength(1);
  });

  it('carries the scopes of the roles the user has now', async () => {
    const { deps, pair, users, user } = await loggedIn();
    await users.setRoles(user.id, ['admin']);
    const next = await refreshSession(deps, pair.refreshToken);
    expect(next.scope).toBe('risk:read risk:refresh users:admin');
  });

  it('revokes the whole family when a rotated token is presented again after the grace interval', async () => {
    const { deps, pair, refreshTokens, familyId, time } = await loggedIn();
    const next = await refreshSession(deps, pair.refreshToken);
    time.advance(31);
    await expect(refreshSession(deps, pair.refreshToken)).rejects.toBeInstanceOf(RefreshTokenReusedError);
    expect(refreshTokens.family(familyId).every((token) => token.revokedAt)).toBe(true);
    await expect(refreshSession(deps, next.refreshToken)).rejects.toBeInstanceOf(InvalidRefreshTokenError);
  });

  it('answers the same successor to a retry within the grace interval, and revokes nothing', async () => {
    const { deps, pair, refreshTokens, familyId, time } = await loggedIn();
    const next = await refreshSession(deps, pair.refreshToken);
    time.advance(30);
    const again = await refreshSession(deps, pair.refreshToken);
    expect(again.refreshToken).toBe(next.refreshToken);
    expect(again.refreshExpiresIn).toBe(next.refreshExpiresIn - 30);
    expect(refreshTokens.family(familyId)).toHaveLength(2);
    expect(refreshTokens.family(familyId).some((token) => token.revokedAt)).toBe(false);
    await expect(refreshSession(deps, next.refreshToken)).resolves.toBeDefined();
  });

  it('gives two concurrent rotations of one token the same successor', async () => {
    const { deps, pair, refreshTokens, familyId } = await loggedIn();
    const [a, b] = await Promise.all([
      refreshSession(deps, pair.refreshToken),
      refreshSession(deps, pair.refreshToken),
    ]);
    expect(a.refreshToken).toBe(b.refreshToken);
    expect(refreshTokens.family(familyId)).toHaveLength(2);
  });

  it('revokes the family when, within the grace interval, the successor was already rotated itself', async () => {
    const { deps, pair, refreshTokens, familyId } = await loggedIn();
    const next = await refreshSession(deps, pair.refreshToken);
    await refreshSession(deps, next.refreshToken);
    await expect(refreshSession(deps, pair.refreshToken)).rejects.toBeInstanceOf(RefreshTokenReusedError);
    expect(refreshTokens.family(familyId).every((token) => token.revokedAt)).toBe(true);
  });

  it('treats losing a concurrent rotation to a successor of another key as reuse', async () => {
    const { deps, pair, refreshTokens, familyId } = await loggedIn();
    refreshTokens.beforeRotate = () => {
      refreshTokens.beforeRotate = undefined;
      const token = refreshTokens.family(familyId)[0];
      if (token) token.usedAt = deps.clock();
    };
    await expect(refreshSession(deps, pair.refreshToken)).rejects.toBeInstanceOf(RefreshTokenReusedError);
    expect(refreshTokens.family(familyId).every((token) => token.revokedAt)).toBe(true);
  });

  it('never hands out a first token that outlives maxLifetimeSeconds, even with a longer idle TTL', async () => {
    const fixture = inMemoryDeps();
    await fixture.users.create({ email: 'bo@example.com', passwordHash: `fake$v1$${PASSWORD}`, roles: [] });
    const deps = { ...fixture.deps, refresh: { ...fixture.deps.refresh, ttlSeconds: 100 * 86_400 } };
    const pair = await logIn(deps, { email: 'bo@example.com', password: PASSWORD });
    expect(pair.refreshExpiresIn).toBe(90 * 86_400);
  });

  it('ends a session maxLifetimeSeconds after its login, however often it rotated; the last token expires then', async () => {
    const { deps, pair, time } = await loggedIn();
    let token = pair.refreshToken;
    for (let day = 20; day <= 80; day += 20) {
      time.advance(20 * 86_400);
      const next = await refreshSession(deps, token);
      expect(next.refreshExpiresIn).toBe(Math.min(30, 90 - day) * 86_400);
      token = next.refreshToken;
    }
    time.advance(10 * 86_400 - 1);
    const last = await refreshSession(deps, token);
    expect(last.refreshExpiresIn).toBe(1);
    time.advance(1);
    await expect(refreshSession(deps, last.refreshToken)).rejects.toBeInstanceOf(InvalidRefreshTokenError);
  });

  it('refuses unknown and expired tokens without touching any family', async () => {
    const { deps, pair, time, refreshTokens, familyId } = await loggedIn();
    await expect(refreshSession(deps, 'not-a-token-we-issued')).rejects.toBeInstanceOf(InvalidRefreshTokenError);
    time.advance(2_592_000);
    await expect(refreshSession(deps, pair.refreshToken)).rejects.toBeInstanceOf(InvalidRefreshTokenError);
    expect(refreshTokens.family(familyId).some((token) => token.revokedAt)).toBe(false);
  });
});
