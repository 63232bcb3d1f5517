import { InvalidRefreshTokenError, RefreshTokenReusedError } from './errors.js';
import { refreshTokenFor, tokenPairFor } from './issue-token-pair.js';
import { hashRefreshToken } from './refresh-token.js';
import type { AuthDeps } from './ports.js';
import type { TokenPair } from './types.js';

/**
 * Rotates a refresh token: the presented one is spent, a new one of the same family replaces it,
 * with a new access token carrying the user's current scopes.
 *
 * 1. Look the token up by its hash; unknown, revoked or expired → 401.
 * 2. Already rotated → someone replays it (a thief, or the owner after a thief used it first):
 *    revoke the whole family, so both lose the session → 401.
 * 3. Mark it used and store its successor atomically; losing that race is a reuse too (step 2).
 * 4. Answer the new pair.
 */
export const refreshSession = async (
  deps: Pick<AuthDeps, 'users' | 'roles' | 'refreshTokens' | 'signer' | 'clock' | 'refreshTtlSeconds'>,
  refreshToken: string,
): Promise<TokenPair> => {
  const now = deps.clock();
  const stored = await deps.refreshTokens.findByHash(hashRefreshToken(refreshToken));
  if (!stored || stored.revokedAt || stored.expiresAt <= now) throw new InvalidRefreshTokenError();
  const reused = async (): Promise<never> => {
    await deps.refreshTokens.revokeFamily(stored.familyId, now);
    throw new RefreshTokenReusedError();
  };
  if (stored.usedAt) return reused();

  const user = await deps.users.findById(stored.userId);
  if (!user) throw new InvalidRefreshTokenError();
  const successor = refreshTokenFor(deps, user.id, stored.familyId);
  if (!(await deps.refreshTokens.rotate(stored.id, now, successor.row))) return reused();
  return tokenPairFor(deps, user, successor.token);
};
