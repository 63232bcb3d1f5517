import { describe, expect, it } from '@jest/globals';
import { InvalidRefreshTokenError } from '../../src/core/errors.js';
import { logIn } from '../../src/core/log-in.js';
import { logOut } from '../../src/core/log-out.js';
import { refreshSession } from '../../src/core/refresh-session.js';
import { inMemoryDeps } from '../fixtures/in-memory.js';

const PASSWORD = 'a long enough secret';

describe('logOut', () => {
  it('revokes the family of the token, idempotently', async () => {
    const { deps, users } = inMemoryDeps();
    await users.create({ email: 'ann@example.com', passwordHash: `fake$v1$${PASSWORD}`, roles: [] });
    const pair = await logIn(deps, { email: 'ann@example.com', password: PASSWORD });
    const next = await refreshSession(deps, pair.refreshToken);

    expect(await logOut(deps, next.refreshToken)).toEqual({ kind: 'revoked', revokedTokens: 2 });
    expect(await logOut(deps, next.refreshToken)).toEqual({ kind: 'revoked', revokedTokens: 0 });
    await expect(refreshSession(deps, next.refreshToken)).rejects.toBeInstanceOf(InvalidRefreshTokenError);
  });

  it('answers unknownToken for a token it does not know', async () => {
    const { deps } = inMemoryDeps();
    expect(await logOut(deps, 'never-issued')).toEqual({ kind: 'unknownToken' });
  });
});
