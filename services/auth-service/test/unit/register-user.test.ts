import { describe, expect, it } from '@jest/globals';
import { EmailTakenError, WeakPasswordError } from '../../src/core/errors.js';
import { registerUser } from '../../src/core/register-user.js';
import { inMemoryDeps } from '../fixtures/in-memory.js';

describe('registerUser', () => {
  it('stores a normalised email and a hash, never the password, with no roles', async () => {
    const { deps, users } = inMemoryDeps();
    const profile = await registerUser(deps, { email: '  Ann@Example.COM ', password: 'a long enough secret' });
    expect(profile).toMatchObject({ email: 'ann@example.com', roles: [], scopes: [] });
    expect(profile).not.toHaveProperty('passwordHash');
    const stored = users.users.get(profile.id);
    expect(stored?.passwordHash).toBe('fake$v1$a long enough secret');
    expect(new Date(profile.createdAt).toISOString()).toBe(profile.createdAt);
  });

  it('answers conflict for a registered email, whatever its case, without hashing', async () => {
    const { deps, hasher } = inMemoryDeps();
    await registerUser(deps, { email: 'ann@example.com', password: 'a long enough secret' });
    const hashes = hasher.hashes;
    const attempt = registerUser(deps, { email: 'ANN@example.com ', password: 'another long secret' });
    await expect(attempt).rejects.toBeInstanceOf(EmailTakenError);
    await expect(attempt).rejects.toThrow('This email address cannot be registered');
    expect(hasher.hashes).toBe(hashes);
  });

  it('answers conflict when a concurrent registration wins the unique index', async () => {
    const { deps } = inMemoryDeps();
    const results = await Promise.allSettled([
      registerUser(deps, { email: 'race@example.com', password: 'a long enough secret' }),
      registerUser(deps, { email: 'race@example.com', password: 'a long enough secret' }),
    ]);
    expect(results.map((result) => result.status).sort()).toEqual(['fulfilled', 'rejected']);
    const rejected = results.find((result) => result.status === 'rejected');
    expect((rejected as PromiseRejectedResult).reason).toBeInstanceOf(EmailTakenError);
  });

  it.each([
    ['too-short', 'short-pw-11'],
    ['common', 'Password1234'],
    ['common', 'qwerty123456'],
    ['common', 'zzzzzzzzzzzzzz'],
    ['contains-email', 'xx-bob@example.com-xx'],
    ['too-long', 'x'.repeat(257)],
  ])('refuses a weak password (%s)', async (reason, password) => {
    const { deps, users } = inMemoryDeps();
    const attempt = registerUser(deps, { email: 'bob@example.com', password });
    await expect(attempt).rejects.toBeInstanceOf(WeakPasswordError);
    await expect(attempt).rejects.toMatchObject({ reason, code: 'weakPassword' });
    expect(users.users.size).toBe(0);
  });

  it('counts characters, not bytes: twelve emoji pass', async () => {
    const { deps } = inMemoryDeps();
    await expect(
      registerUser(deps, { email: 'emoji@example.com', password: '🔑🔒🗝️🔐🔑🔒🗝🔐🔑🔒🗝🔐' }),
    ).resolves.toBeDefined();
  });
});
