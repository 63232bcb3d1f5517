import { skipped, success, type StandardResponse } from '@platform/response';
import { hashRefreshToken } from './refresh-token.js';
import type { AuthDeps } from './ports.js';

/**
 * Ends a session: revokes the refresh token's whole family (the token and every one rotated
 * from the same login). Idempotent: a family revoked already answers success again. A token
 * this service does not know answers `skipped` — logging out cannot fail, and it reveals nothing.
 * Access tokens already issued stay valid until they expire (15 minutes at most).
 */
export const logOut = async (
  deps: Pick<AuthDeps, 'refreshTokens' | 'clock'>,
  refreshToken: string,
): Promise<StandardResponse<{ revokedTokens: number } | null>> => {
  const stored = await deps.refreshTokens.findByHash(hashRefreshToken(refreshToken));
  if (!stored) return skipped('Unknown refresh token: nothing to revoke', null);
  const revokedTokens = await deps.refreshTokens.revokeFamily(stored.familyId, deps.clock());
  return success({ revokedTokens }, 'Logged out');
};
