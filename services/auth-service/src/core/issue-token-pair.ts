import { randomUUID } from 'node:crypto';
import { hashRefreshToken, newRefreshToken } from './refresh-token.js';
import { scopesOf } from './scopes-of.js';
import type { AuthDeps } from './ports.js';
import type { NewRefreshToken, TokenPair, User } from './types.js';

/** A refresh token to hand out and the row that stores its hash. */
export const refreshTokenFor = (
  deps: Pick<AuthDeps, 'clock' | 'refreshTtlSeconds'>,
  userId: string,
  familyId: string,
): { token: string; row: NewRefreshToken } => {
  const token = newRefreshToken();
  const expiresAt = new Date(deps.clock().getTime() + deps.refreshTtlSeconds * 1000);
  return { token, row: { id: randomUUID(), tokenHash: hashRefreshToken(token), familyId, userId, expiresAt } };
};

/** Signs an access token with the user's current scopes and pairs it with `refreshToken`. */
export const tokenPairFor = async (
  deps: Pick<AuthDeps, 'roles' | 'signer' | 'refreshTtlSeconds'>,
  user: User,
  refreshToken: string,
): Promise<TokenPair> => {
  const scopes = await scopesOf(user.roles, deps.roles);
  const { token, expiresIn } = await deps.signer.sign({ sub: user.id, scopes });
  return {
    tokenType: 'Bearer',
    accessToken: token,
    expiresIn,
    refreshToken,
    refreshExpiresIn: deps.refreshTtlSeconds,
    scope: scopes.join(' '),
  };
};
