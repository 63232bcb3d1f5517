import { describe, expect, it } from '@jest/globals';
import { AccountLockedError, InvalidCredentialsError, InvalidTargetError } from '../../src/core/errors.js';
import { logIn } from '../../src/core/log-in.js';
import { hashRefreshToken } from '../../src/core/refresh-token.js';
import { FakePasswordHasher, inMemoryDeps, type RecordingSigner } from '../fixtures/in-memory.js';

const PASSWORD = 'a long enough secret';

const withUser = async (roles: string[] = ['risk-operator']) => {
  const fixture = inMemoryDeps();
  const user = await fixture.users.create({ email: 'ann@example.com', passwordHash: `fake$v1$${PASSWORD}`, roles });
  return { ...fixture, user };
};

describe('logIn', () => {
  it('issues an access token with the scopes of the roles and a refresh token of a new family', async () => {
    const { deps, user, refreshTokens } = await withUser(['risk-operator']);
    const pair = await logIn(deps, { email: ' ANN@example.com', password: PASSWORD });
    expect(pair).toMatchObject({
      tokenType: 'Bearer',
      accessToken: `access:${user.id}:risk:read risk:refresh`,
      expiresIn: 900,
      refreshExpiresIn: 2_592_000,
      scope: 'risk:read risk:refresh',
    });
    expect(pair.refreshToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const stored = [...refreshTokens.tokens.values()];
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({ tokenHash: hashRefreshToken(pair.refreshToken), userId: user.id });
    expect(stored[0]?.tokenHash).not.toBe(pair.refreshToken);
    expect(stored[0]?.expiresAt).toEqual(new Date(deps.clock().getTime() + 2_592_000_000));
  });

  it('answers the same error for a wrong password and an unknown email, checking a dummy hash for the latter', async () => {
    const { deps, hasher } = await withUser();
    const wrong = await logIn(deps, { email: 'ann@example.com', password: 'not the password' }).catch(
      (e: unknown) => e,
    );
    const unknown = await logIn(deps, { email: 'nobody@example.com', password: PASSWORD }).catch((e: unknown) => e);
    expect(wrong).toBeInstanceOf(InvalidCredentialsError);
    expect(unknown).toBeInstanceOf(InvalidCredentialsError);
    expect((wrong as Error).message).toBe((unknown as Error).message);
    expect(hasher.verified).toEqual([`fake$v1$${PASSWORD}`, undefined]);
  });

  it('records every attempt with its outcome', async () => {
    const { deps, loginAttempts, user } = await withUser();
    await logIn(deps, { email: 'ann@example.com', password: 'wrong password!' }).catch(() => undefined);
    await logIn(deps, { email: 'ann@example.com', password: PASSWORD });
    expect(loginAttempts.attempts.map((a) => [a.email, a.userId, a.outcome])).toEqual([
      ['ann@example.com', user.id, 'failure'],
      ['ann@example.com', user.id, 'success'],
    ]);
  });

  it('locks the email after maxAttempts failures within the window: AccountLockedError with the seconds left, password unchecked', async () => {
    const { deps, time, hasher } = await withUser();
    for (let i = 0; i < 5; i += 1) {
      await expect(logIn(deps, { email: 'ann@example.com', password: `wrong ${i} password` })).rejects.toBeInstanceOf(
        InvalidCredentialsError,
      );
      time.advance(60);
    }
    const checked = hasher.verified.length;
    const locked = await logIn(deps, { email: 'ann@example.com', password: PASSWORD }).catch((e: unknown) => e);
    expect(locked).toBeInstanceOf(AccountLockedError);
    // locked at the 5th failure (4 × 60 s in), now 60 s later: 840 s left
    expect(locked).toMatchObject({ code: 'accountLocked', retryAfterSeconds: 840 });
    expect(hasher.verified.length).toBe(checked);
  });

  it('unlocks after lockout.seconds, and counts from zero again', async () => {
    const { deps, time } = await withUser();
    for (let i = 0; i < 5; i += 1)
      await logIn(deps, { email: 'ann@example.com', password: 'wrong password!!' }).catch(() => undefined);
    time.advance(899);
    await expect(logIn(deps, { email: 'ann@example.com', password: PASSWORD })).rejects.toMatchObject({
      retryAfterSeconds: 1,
    });
    time.advance(1);
    await expect(logIn(deps, { email: 'ann@example.com', password: 'wrong password!!' })).rejects.toBeInstanceOf(
      InvalidCredentialsError,
    );
    await expect(logIn(deps, { email: 'ann@example.com', password: PASSWORD })).resolves.toMatchObject({
      tokenType: 'Bearer',
    });
  });

  it('does not lock for failures spread wider than the window', async () => {
    const { deps, time } = await withUser();
    for (let i = 0; i < 8; i += 1) {
      await expect(logIn(deps, { email: 'ann@example.com', password: 'wrong password!!' })).rejects.toBeInstanceOf(
        InvalidCredentialsError,
      );
      time.advance(226); // 4 failures span 678 s; the 5th comes 904 s after the 1st
    }
    await expect(logIn(deps, { email: 'ann@example.com', password: PASSWORD })).resolves.toBeDefined();
  });

  it('locks unknown emails the same way, so the lock tells nothing about who exists', async () => {
    const { deps } = await withUser();
    for (let i = 0; i < 5; i += 1)
      await logIn(deps, { email: 'ghost@example.com', password: 'whatever password' }).catch(() => undefined);
    await expect(logIn(deps, { email: 'ghost@example.com', password: 'whatever password' })).rejects.toBeInstanceOf(
      AccountLockedError,
    );
  });

  it('locks out the address that failed, not the owner on another address', async () => {
    const { deps, hasher } = await withUser();
    const attacker = { email: 'ann@example.com', clientAddress: '198.51.100.9' };
    for (let i = 0; i < 5; i += 1)
      await expect(logIn(deps, { ...attacker, password: `guess number ${i}` })).rejects.toBeInstanceOf(
        InvalidCredentialsError,
      );
    await expect(logIn(deps, { ...attacker, password: PASSWORD })).rejects.toBeInstanceOf(AccountLockedError);
    const checks = hasher.verified.length;
    await expect(
      logIn(deps, { email: 'ann@example.com', password: PASSWORD, clientAddress: '203.0.113.5' }),
    ).resolves.toMatchObject({ tokenType: 'Bearer' });
    expect(hasher.verified.length).toBe(checks + 1);
  });

  it('checks 50 concurrent wrong guesses from one address at most maxAttempts times', async () => {
    const { deps, hasher } = await withUser();
    const results = await Promise.allSettled(
      Array.from({ length: 50 }, (_, i) =>
        logIn(deps, { email: 'ann@example.com', password: `guess number ${i}`, clientAddress: '198.51.100.9' }),
      ),
    );
    const reasons = results.map((result) => (result.status === 'rejected' ? (result.reason as Error).name : 'ok'));
    expect(reasons.filter((name) => name === 'InvalidCredentialsError')).toHaveLength(5);
    expect(reasons.filter((name) => name === 'AccountLockedError')).toHaveLength(45);
    expect(hasher.verified).toHaveLength(5);
  });

  it('slows guesses spread over many addresses, but not the owner on an address that logged in before', async () => {
    const { deps, time, hasher } = await withUser();
    const owner = { email: 'ann@example.com', password: PASSWORD, clientAddress: '203.0.113.5' };
    await logIn(deps, owner);
    const guess = (i: number) =>
      logIn(deps, { email: 'ann@example.com', password: `guess number ${i}`, clientAddress: `198.51.100.${i}` });
    for (let i = 0; i < 10; i += 1) await expect(guess(i)).rejects.toBeInstanceOf(InvalidCredentialsError);
    await expect(guess(10)).rejects.toBeInstanceOf(InvalidCredentialsError); // the 11th sets a 1 s delay
    await expect(guess(11)).rejects.toMatchObject({ name: 'AccountLockedError', retryAfterSeconds: 1 });
    time.advance(1);
    await expect(guess(12)).rejects.toBeInstanceOf(InvalidCredentialsError); // then 2 s
    await expect(guess(13)).rejects.toMatchObject({ name: 'AccountLockedError', retryAfterSeconds: 2 });
    expect(hasher.verified).toHaveLength(13);
    await expect(logIn(deps, owner)).resolves.toMatchObject({ tokenType: 'Bearer' });
    await expect(logIn(deps, { ...owner, clientAddress: '192.0.2.1' })).rejects.toBeInstanceOf(AccountLockedError);
  });

  it('issues the token for the resource asked for, one of the configured ones, else auth-service', async () => {
    const { deps } = await withUser();
    await logIn(deps, { email: 'ann@example.com', password: PASSWORD, resource: 'risk-service' });
    await logIn(deps, { email: 'ann@example.com', password: PASSWORD, resource: 'auth-service' });
    await logIn(deps, { email: 'ann@example.com', password: PASSWORD });
    expect((deps.signer as RecordingSigner).audiences).toEqual(['risk-service', 'auth-service', 'auth-service']);
  });

  it('refuses an unknown resource with InvalidTargetError before any password check or count', async () => {
    const { deps, hasher, loginThrottles } = await withUser();
    const refused = await logIn(deps, {
      email: 'ann@example.com',
      password: PASSWORD,
      resource: 'https://evil.example',
    }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(InvalidTargetError);
    expect(refused).toMatchObject({ code: 'invalidTarget' });
    expect((refused as Error).message).not.toContain('evil');
    expect(hasher.verified).toEqual([]);
    expect(loginThrottles.counters.size).toBe(0);
  });

  it('re-hashes a password stored at an outdated cost once it is known', async () => {
    const { deps, users, user } = await withUser();
    const upgraded = { ...deps, hasher: new FakePasswordHasher('v2') };
    await logIn(upgraded, { email: 'ann@example.com', password: PASSWORD });
    expect(users.users.get(user.id)?.passwordHash).toBe(`fake$v2$${PASSWORD}`);
  });
});
