import { decodeProtectedHeader, jwtVerify } from 'jose';
import { ACCESS_TOKEN_TYPE, ALGORITHM, DEFAULT_CLOCK_TOLERANCE_SECONDS } from './constants.js';
import { AuthOptionsError, TokenInvalidError } from './errors.js';
import { sharedJwksCache } from './jwks-cache.js';
import { readBearerToken } from './read-bearer-token.js';
import { toPrincipal } from './to-principal.js';
import { toTokenInvalidError } from './to-token-invalid-error.js';
import type { JwksCache, Principal, VerifyBearerOptions } from './types.js';

const checkExpected = (value: string | readonly string[], name: string): string | string[] => {
  const list = typeof value === 'string' ? [value] : [...value];
  if (list.length === 0 || list.some((item) => typeof item !== 'string' || item === '')) {
    throw new AuthOptionsError(`${name} must be a non-empty string or list of them`);
  }
  return typeof value === 'string' ? value : list;
};

const jwksOf = (options: VerifyBearerOptions): JwksCache => {
  if (options.jwks) return options.jwks;
  if (options.jwksUrl === undefined) throw new AuthOptionsError('verifyBearer needs jwksUrl or jwks');
  return sharedJwksCache(options.jwksUrl);
};

/** `at+jwt` or `application/at+jwt`, in any case (media types are case-insensitive). */
const isAccessTokenType = (typ: unknown): boolean =>
  typeof typ === 'string' && typ.toLowerCase().replace(/^application\//, '') === ACCESS_TOKEN_TYPE;

/**
 * The `kid` of a token whose header pins ES256 and `typ: at+jwt`; refuses anything else before
 * any key is looked up.
 */
const readKid = (token: string): string => {
  let header: ReturnType<typeof decodeProtectedHeader>;
  try {
    header = decodeProtectedHeader(token);
  } catch (error) {
    throw new TokenInvalidError('malformed', { cause: error });
  }
  if (header.alg !== ALGORITHM) throw new TokenInvalidError('algorithm-not-allowed');
  if (!isAccessTokenType(header.typ)) throw new TokenInvalidError('wrong-type');
  if (typeof header.kid !== 'string' || header.kid === '') throw new TokenInvalidError('missing-kid');
  return header.kid;
};

/**
 * Verifies the bearer token of an `Authorization` header and returns who it speaks for.
 *
 * Steps: read `Bearer <token>`; refuse any algorithm but ES256, a `typ` other than `at+jwt`
 * (RFC 9068) and a header without `kid` (before touching the JWKS); find the key by `kid` in the cached JWKS (see `createJwksCache`); check the
 * signature, `iss`, `aud`, `exp` (required), `nbf` and `iat` with `clockToleranceSeconds` of skew;
 * require `sub`; split `scope` into `scopes`.
 *
 * @throws {@link MissingTokenError} / {@link MalformedAuthorizationHeaderError} (401) for the header.
 * @throws {@link TokenInvalidError} (401) for a refused token; `reason` says why, `cause` has details.
 * @throws {@link AuthUnavailableError} (503) when the JWKS is needed and cannot be fetched.
 *
 * @example
 * const principal = await verifyBearer(event.headers.authorization, {
 *   jwksUrl: 'https://auth.example.com/.well-known/jwks.json',
 *   issuer: 'https://auth.example.com',
 *   audience: 'risk-service',
 * });
 * requireScopes(principal, ['risk:read']);
 */
export const verifyBearer = async (
  authorizationHeader: string | null | undefined,
  options: VerifyBearerOptions,
): Promise<Principal> => {
  const issuer = checkExpected(options.issuer, 'issuer');
  const audience = checkExpected(options.audience, 'audience');
  const tolerance = options.clockToleranceSeconds ?? DEFAULT_CLOCK_TOLERANCE_SECONDS;
  if (!(tolerance >= 0) || tolerance === Infinity) {
    throw new AuthOptionsError(`clockToleranceSeconds must be a finite number ≥ 0, got ${tolerance}`);
  }
  const jwks = jwksOf(options);
  const clock = options.clock ?? Date.now;

  const token = readBearerToken(authorizationHeader);
  const key = await jwks.getKey(readKid(token));
  if (!key) throw new TokenInvalidError('unknown-key');
  const now = clock();
  try {
    const { payload } = await jwtVerify(token, key, {
      algorithms: [ALGORITHM],
      issuer,
      audience,
      clockTolerance: tolerance,
      currentDate: new Date(now),
      requiredClaims: ['exp', 'sub'],
    });
    return toPrincipal(payload, Math.floor(now / 1000), tolerance);
  } catch (error) {
    throw toTokenInvalidError(error);
  }
};
