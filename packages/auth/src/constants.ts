/** The only signature algorithm accepted: auth-service signs with ES256 (ECDSA P-256, SHA-256). */
export const ALGORITHM = 'ES256';

/**
 * The token type every access token carries in its header (RFC 9068 §2.1): verifiers refuse any
 * other `typ` (RFC 9068 §4 allows the `application/` prefix too), so an ID token or another JWT
 * signed by the same keys is never taken for an access token.
 */
export const ACCESS_TOKEN_TYPE = 'at+jwt';

/** Default clock skew allowed on `exp`, `nbf` and `iat`, in seconds. */
export const DEFAULT_CLOCK_TOLERANCE_SECONDS = 30;

/** Defaults of `createJwksCache`. */
export const JWKS_DEFAULTS = {
  /** How long a fetched key set is used before it is fetched again. */
  ttlMs: 600_000,
  /** Least time between two fetches triggered by unknown `kid`s. */
  minRefetchIntervalMs: 60_000,
  /** Least time between a failed fetch and the next attempt. */
  failureBackoffMs: 5_000,
  /** Abort a JWKS request after this long. */
  timeoutMs: 3_000,
  /** Serve an expired key set at most this long past its TTL while it cannot be refetched. */
  maxStaleMs: 3_600_000,
} as const;

/** Longest `Authorization` header value read; anything longer is refused unparsed. */
export const MAX_TOKEN_LENGTH = 8_192;
