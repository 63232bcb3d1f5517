import type { Principal } from './types.js';

/**
 * Whether the principal holds every one of `scopes` (exact match; an empty list is always held).
 *
 * @example
 * if (hasScopes(principal, 'users:admin')) showAdminFields();
 */
export const hasScopes = (principal: Pick<Principal, 'scopes'>, scopes: string | readonly string[]): boolean => {
  const held = new Set(principal.scopes);
  return (typeof scopes === 'string' ? [scopes] : scopes).every((scope) => held.has(scope));
};
