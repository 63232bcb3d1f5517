import { InvalidRefreshTokenError, RefreshTokenReusedError } from './errors.js';
import { audienceFor, refreshTokenFor, tokenPairFor } from './issue-token-pair.js';
import { hashRefreshToken, successorOf } from './refresh-token.js';
import type { AuthDeps } from './ports.js';
import type { RefreshTokenRecord, TokenPair } from './types.js';

type RefreshDeps = Pick<AuthDeps, 'users' | 'roles' | 'refreshTokens' | 'signer' | 'clock' | 'refresh' | 'audiences'>;

/**
 * Rotates a refresh token: the presented one is spent, its successor of the same family
 * replaces it, with a new access token carrying the user's current scopes.
 *
 * 0. The new access token's audience: `resource` as at login (RFC 8707 allows it on refresh), or
 *    auth-service's own. Any configured resource may be asked for: the grant is not bound to
 *    the resources of the login (that would need them stored with the family).
 * 1. Look the token up by its hash; unknown, revoked or expired → 401.
 * 2. Already rotated less than `reuseGraceSeconds` ago → the client lost the answer and retries
 *    (or sent the same token twice at once): answer the same successor again, with a new access
 *    token — as long as that successor is itself unused and alive.
 * 3. Already rotated before that → someone replays it (a thief, or the owner after a thief used
 *    it first): revoke the whole family, so both lose the session → 401.
 * 4. A family older than `maxLifetimeSeconds` ends: → 401, log in again.
 * 5. Mark it used and store its successor atomically (the successor expires `ttlSeconds` from now,
 *    never after the family's end); losing that race to a concurrent rotation is step 2 or 3.
 */
export const refreshSession = async (
  deps: RefreshDeps,
  refreshToken: string,
  resource?: string,
): Promise<TokenPair> => {
  const audience = audienceFor(deps, resource);
  const now = deps.clock();
  const stored = await deps.refreshTokens.findByHash(hashRefreshToken(refreshToken));
  if (!stored || stored.revokedAt || stored.expiresAt <= now) throw new InvalidRefreshTokenError();
  if (stored.usedAt) return presentedAgain(deps, stored, refreshToken, now, audience);

  const user = await deps.users.findById(stored.userId);
  if (!user) throw new InvalidRefreshTokenError();
  const startedAt = (await deps.refreshTokens.familyStartedAt(stored.familyId)) ?? now;
  const cap = new Date(startedAt.getTime() + deps.refresh.maxLifetimeSeconds * 1000);
  if (cap <= now) throw new InvalidRefreshTokenError();
  const successor = refreshTokenFor(deps, user.id, stored.familyId, {
    token: successorOf(refreshToken, deps.refresh.rotationKey),
    cap,
  });
  if (!(await deps.refreshTokens.rotate(stored.id, now, successor.row))) {
    const rotated = await deps.refreshTokens.findByHash(stored.tokenHash);
    if (!rotated?.usedAt) throw new InvalidRefreshTokenError(); // revoked meanwhile
    return presentedAgain(deps, rotated, refreshToken, now, audience);
  }
  return tokenPairFor(deps, user, { token: successor.token, expiresAt: successor.row.expiresAt }, audience);
};

/** A rotated token presented again: its successor within the grace interval, else the family is revoked. */
const presentedAgain = async (
  deps: RefreshDeps,
  stored: RefreshTokenRecord,
  refreshToken: string,
  now: Date,
  audience: string,
): Promise<TokenPair> => {
  const usedAt = stored.usedAt?.getTime() ?? -Infinity;
  if (now.getTime() - usedAt <= deps.refresh.reuseGraceSeconds * 1000) {
    const token = successorOf(refreshToken, deps.refresh.rotationKey);
    const successor = await deps.refreshTokens.findByHash(hashRefreshToken(token));
    const usable =
      successor?.familyId === stored.familyId && !successor.usedAt && !successor.revokedAt && successor.expiresAt > now;
    const user = usable ? await deps.users.findById(stored.userId) : undefined;
    // Not found: the rotation key changed since (a signing key rotation) — treated as a reuse.
    if (successor && usable && user)
      return tokenPairFor(deps, user, { token, expiresAt: successor.expiresAt }, audience);
  }
  await deps.refreshTokens.revokeFamily(stored.familyId, now);
  throw new RefreshTokenReusedError();
};
