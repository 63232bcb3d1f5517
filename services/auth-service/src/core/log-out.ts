import { hashRefreshToken } from './refresh-token.js';
import type { AuthDeps } from './ports.js';

/** What {@link logOut} did: revoked a family (`revokedTokens` is 0 when it was revoked already), or found no such token. */
export type LogOutResult = { kind: 'revoked'; revokedTokens: number } | { kind: 'unknownToken' };

/**
 * Ends a session: revokes the refresh token's whole family (the token and every one rotated
 * from the same login). Idempotent: a family revoked already is `revoked` again. A token
 * this service does not know is `unknownToken` — logging out cannot fail, and it reveals nothing.
 * Access tokens already issued stay valid until they expire (15 minutes at most).
 */
export const logOut = async (
  deps: Pick<AuthDeps, 'refreshTokens' | 'clock'>,
  refreshToken: string,
): Promise<LogOutResult> => {
  const stored = await deps.refreshTokens.findByHash(hashRefreshToken(refreshToken));
  if (!stored) return { kind: 'unknownToken' };
  const revokedTokens = await deps.refreshTokens.revokeFamily(stored.familyId, deps.clock());
  return { kind: 'revoked', revokedTokens };
};
