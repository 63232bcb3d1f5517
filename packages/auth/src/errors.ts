import { NotAuthenticatedError, UnauthorizedError, UnavailableError } from '@platform/response';
import type { TokenInvalidReason } from './types.js';

/*
 * Each error extends the @platform/response class that gives its status, so @platform/lambda
 * maps it by `instanceof`: 401s descend from `AuthenticationError`, the 403 from
 * `UnauthorizedError`, the 503 from `UnavailableError`. No message ever contains the token.
 */

/** Human-readable text of each {@link TokenInvalidReason}. */
const REASON_TEXT: Readonly<Record<TokenInvalidReason, string>> = {
  malformed: 'malformed token',
  'algorithm-not-allowed': 'algorithm not allowed',
  'wrong-type': 'not an access token (typ must be at+jwt)',
  'missing-kid': 'missing key id (kid)',
  'unknown-key': 'unknown signing key',
  'bad-signature': 'bad signature',
  expired: 'expired',
  'not-yet-valid': 'not yet valid',
  'issued-in-future': 'issued in the future',
  'wrong-issuer': 'wrong issuer',
  'wrong-audience': 'wrong audience',
  'missing-claim': 'missing required claim',
  'invalid-claim': 'invalid claim',
};

/** `WWW-Authenticate` for a request without credentials (RFC 6750 §3). */
const CHALLENGE = 'Bearer';

/**
 * Base class of this package's 401 errors: the caller is not authenticated.
 *
 * @example
 * if (error instanceof AuthenticationError) logger.info({ reason: error.message }, 'refused');
 */
export class AuthenticationError extends NotAuthenticatedError {
  constructor(message: string, options: ErrorOptions & { headers?: Record<string, string> } = {}) {
    super(message, { headers: { 'www-authenticate': CHALLENGE }, ...options });
    this.name = 'AuthenticationError';
  }
}

/**
 * No bearer token: the `Authorization` header is absent or blank, or `Bearer` has no token.
 *
 * @example
 * await verifyBearer(undefined, options); // throws MissingTokenError
 */
export class MissingTokenError extends AuthenticationError {
  constructor(message = 'Missing Authorization header') {
    super(message);
    this.name = 'MissingTokenError';
  }
}

/**
 * The `Authorization` header is not `Bearer <token>` (another scheme, several values, bad characters).
 *
 * @example
 * await verifyBearer('Basic dXNlcjpwYXNz', options); // throws MalformedAuthorizationHeaderError
 */
export class MalformedAuthorizationHeaderError extends AuthenticationError {
  constructor(message: string) {
    super(message, { headers: { 'www-authenticate': `Bearer error="invalid_request"` } });
    this.name = 'MalformedAuthorizationHeaderError';
  }
}

/**
 * The bearer token was refused; `reason` says why and `cause` holds the underlying error, if any.
 *
 * @example
 * try { await verifyBearer(header, options); }
 * catch (error) { if (error instanceof TokenInvalidError && error.reason === 'expired') ... }
 */
export class TokenInvalidError extends AuthenticationError {
  readonly reason: TokenInvalidReason;

  constructor(reason: TokenInvalidReason, options: ErrorOptions = {}) {
    const text = REASON_TEXT[reason];
    super(`Invalid bearer token: ${text}`, {
      ...options,
      headers: { 'www-authenticate': `Bearer error="invalid_token", error_description="${text}"` },
    });
    this.name = 'TokenInvalidError';
    this.reason = reason;
  }
}

/**
 * The principal lacks scopes the operation requires → 403. `missingScopes` (also sent as `data`)
 * names them.
 *
 * @example
 * requireScopes(principal, ['risk:read']); // throws MissingScopeError: Missing required scope: risk:read
 */
export class MissingScopeError extends UnauthorizedError {
  readonly missingScopes: readonly string[];

  constructor(missingScopes: readonly string[]) {
    const plural = missingScopes.length === 1 ? 'scope' : 'scopes';
    super(`Missing required ${plural}: ${missingScopes.join(', ')}`, {
      data: { missingScopes },
      headers: { 'www-authenticate': `Bearer error="insufficient_scope", scope="${missingScopes.join(' ')}"` },
    });
    this.name = 'MissingScopeError';
    this.missingScopes = missingScopes;
  }
}

/**
 * The JWKS cannot be fetched, so the token cannot be checked → 503 (not 401: the token may be fine).
 * The message names the JWKS address and goes only to the log; the client sees the generic 503.
 *
 * @example
 * catch (error) { if (error instanceof AuthUnavailableError) alarm(error.cause); }
 */
export class AuthUnavailableError extends UnavailableError {
  constructor(message: string, options: ErrorOptions & { retryAfterSeconds?: number } = {}) {
    const { retryAfterSeconds = 5, ...rest } = options;
    super(message, { ...rest, headers: { 'retry-after': String(retryAfterSeconds) } });
    this.name = 'AuthUnavailableError';
  }
}

/**
 * Invalid options given to `verifyBearer` or `createJwksCache`: a programming error (→ 500).
 *
 * @example
 * createJwksCache({ jwksUrl: 'not a url' }); // throws AuthOptionsError
 */
export class AuthOptionsError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AuthOptionsError';
  }
}
