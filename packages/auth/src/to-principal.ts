import type { JWTPayload } from 'jose';
import { TokenInvalidError } from './errors.js';
import type { Principal } from './types.js';

/** The OAuth `scope` claim (space-separated) as a list without blanks or duplicates. */
const parseScope = (scope: unknown): string[] => {
  if (scope === undefined) return [];
  if (typeof scope !== 'string')
    throw new TokenInvalidError('invalid-claim', { cause: new Error('scope is not a string') });
  return [...new Set(scope.split(/\s+/).filter((item) => item !== ''))];
};

/**
 * The principal of a verified token's claims. Checks what `jose` leaves to the caller: `iat`, when
 * present, must not be in the future beyond the tolerance; `sub` must be a non-empty string;
 * `scope`, when present, a string.
 */
export const toPrincipal = (payload: JWTPayload, nowSeconds: number, toleranceSeconds: number): Principal => {
  if (payload.iat !== undefined && payload.iat > nowSeconds + toleranceSeconds) {
    throw new TokenInvalidError('issued-in-future');
  }
  if (typeof payload.sub !== 'string' || payload.sub === '') {
    throw new TokenInvalidError('invalid-claim', { cause: new Error('sub is not a non-empty string') });
  }
  return { sub: payload.sub, scopes: parseScope(payload.scope), claims: payload };
};
