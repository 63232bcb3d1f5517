import { randomUUID } from 'node:crypto';
import { InvalidTargetError } from './errors.js';
import { hashRefreshToken, newRefreshToken } from './refresh-token.js';
import { scopesOf } from './scopes-of.js';
import type { AuthDeps } from './ports.js';
import type { NewRefreshToken, TokenPair, User } from './types.js';

/** A refresh token to hand out and the row that stores its hash. */
export interface IssuedRefreshToken {
  token: string;
  row: NewRefreshToken;
}

/**
 * A refresh token (`token`, random unless given) for `userId` in `familyId`, expiring
 * `refresh.ttlSeconds` from now, or at `cap` when that comes first.
 */
export const refreshTokenFor = (
  deps: Pick<AuthDeps, 'clock' | 'refresh'>,
  userId: string,
  familyId: string,
  options: { token?: string; cap?: Date } = {},
): IssuedRefreshToken => {
  const token = options.token ?? newRefreshToken();
  const sliding = deps.clock().getTime() + deps.refresh.ttlSeconds * 1000;
  const expiresAt = new Date(Math.min(sliding, options.cap?.getTime() ?? Infinity));
  return { token, row: { id: randomUUID(), tokenHash: hashRefreshToken(token), familyId, userId, expiresAt } };
};

/**
 * The audience of a token asked for `resource` (RFC 8707): one of the configured resource
 * services, or auth-service's own when none is asked for; anything else → `InvalidTargetError`.
 * One audience per token, so a token for one service is refused by every other.
 */
export const audienceFor = (deps: Pick<AuthDeps, 'audiences'>, resource: string | undefined): string => {
  if (resource === undefined || resource === deps.audiences.own) return deps.audiences.own;
  if (deps.audiences.resources.includes(resource)) return resource;
  throw new InvalidTargetError();
};

/** Signs an access token for `audience` with the user's current scopes and pairs it with the refresh token. */
export const tokenPairFor = async (
  deps: Pick<AuthDeps, 'roles' | 'signer' | 'clock'>,
  user: User,
  refresh: { token: string; expiresAt: Date },
  audience: string,
): Promise<TokenPair> => {
  const scopes = await scopesOf(user.roles, deps.roles);
  const { token, expiresIn } = await deps.signer.sign({ sub: user.id, scopes, audience });
  return {
    tokenType: 'Bearer',
    accessToken: token,
    expiresIn,
    refreshToken: refresh.token,
    refreshExpiresIn: Math.max(0, Math.ceil((refresh.expiresAt.getTime() - deps.clock().getTime()) / 1000)),
    scope: scopes.join(' '),
  };
};
