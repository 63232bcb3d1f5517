import { MissingScopeError } from './errors.js';
import type { Principal } from './types.js';

/**
 * Throws a {@link MissingScopeError} (403) naming every scope in `scopes` the principal lacks.
 *
 * @example
 * const principal = await verifyBearer(header, options);
 * requireScopes(principal, ['risk:read', 'risk:write']); // 403 "Missing required scope: risk:write"
 */
export const requireScopes = (principal: Pick<Principal, 'scopes'>, scopes: string | readonly string[]): void => {
  const held = new Set(principal.scopes);
  const missing = [...new Set(typeof scopes === 'string' ? [scopes] : scopes)].filter((scope) => !held.has(scope));
  if (missing.length > 0) throw new MissingScopeError(missing);
};
