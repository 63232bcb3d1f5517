import type { JwksFetch } from './http-get.js';
import type { CryptoKey } from 'jose';

/** A time source in milliseconds since the epoch; `Date.now` by default, a manual clock in tests. */
export type Clock = () => number;

/** Who a verified token speaks for. */
export interface Principal {
  /** The token's subject (`sub`): the user or client id. */
  sub: string;
  /** The `scope` claim split on spaces (OAuth style), duplicates removed; `[]` when absent. */
  scopes: string[];
  /** Every claim of the verified token (`iss`, `aud`, `exp`, custom claims, ...). */
  claims: Readonly<Record<string, unknown>>;
}

/** Why a token was refused; {@link TokenInvalidError} carries it as `reason`. */
export type TokenInvalidReason =
  | 'malformed'
  | 'algorithm-not-allowed'
  | 'wrong-type'
  | 'missing-kid'
  | 'unknown-key'
  | 'bad-signature'
  | 'expired'
  | 'not-yet-valid'
  | 'issued-in-future'
  | 'wrong-issuer'
  | 'wrong-audience'
  | 'missing-claim'
  | 'invalid-claim';

/** Options of `createJwksCache`. */
export interface JwksCacheOptions {
  /** Where auth-service publishes its keys, e.g. `https://auth.example.com/.well-known/jwks.json`. */
  jwksUrl: string | URL;
  /** How long a fetched key set is used before it is fetched again. Default 600 000 (10 min). */
  ttlMs?: number;
  /** Least time between two fetches triggered by an unknown `kid`. Default 60 000 (1 min). */
  minRefetchIntervalMs?: number;
  /** Least time between a failed fetch and the next attempt. Default 5 000. */
  failureBackoffMs?: number;
  /** Abort a JWKS request after this long. Default 3 000. */
  timeoutMs?: number;
  /**
   * How long past its TTL an expired key set is still used while auth-service cannot be reached;
   * after that verifications fail with `AuthUnavailableError` until a fetch succeeds, so a key
   * revoked meanwhile does not verify tokens for ever. Default 3 600 000 (1 h).
   */
  maxStaleMs?: number;
  /**
   * HTTP client. Default: `httpGet`, a GET over `node:http(s)` that follows no redirects and
   * refuses a body over 1 MiB. The global `fetch` fits too (slower to start: it loads undici).
   */
  fetch?: JwksFetch;
  /** Time source, for tests. Default `Date.now`. */
  clock?: Clock;
}

/** Counters of a JWKS cache, for tests and diagnostics. */
export interface JwksCacheStats {
  /** JWKS requests started. */
  fetches: number;
  /** JWKS requests that failed (network, HTTP status, body). */
  fetchFailures: number;
  /** Keys (by `kid`) in the key set held, usable or not. */
  keys: number;
  /** When the key set held was fetched (clock time), if ever. */
  fetchedAt: number | undefined;
}

/** A container-scoped cache of one JWKS; see `createJwksCache`. */
export interface JwksCache {
  /** The JWKS address this cache reads. */
  readonly jwksUrl: string;
  /**
   * The ES256 verification key with this `kid`, or `undefined` when the key set has none (or only
   * a key of another type). Fetches per the caching rules; rejects with `AuthUnavailableError`
   * when the JWKS is needed and cannot be fetched.
   */
  getKey(kid: string): Promise<CryptoKey | undefined>;
  /** Forgets the key set, the failure back-off and any fetch under way (its result is dropped). */
  clear(): void;
  /** Fetch counters and the size and age of the key set held. */
  stats(): JwksCacheStats;
}

/** Options shared by both ways of naming the key set in {@link VerifyBearerOptions}. */
export interface VerifyBearerBaseOptions {
  /** Expected `iss`: the token must carry this issuer (or one of these). */
  issuer: string | readonly string[];
  /** Expected `aud`: the token must be meant for this audience (or one of these). */
  audience: string | readonly string[];
  /** Clock skew allowed on `exp`, `nbf` and `iat`, in seconds. Default 30. */
  clockToleranceSeconds?: number;
  /** Time source for the claim checks, for tests. Default `Date.now`. */
  clock?: Clock;
}

/**
 * Options of `verifyBearer`: the issuer and audience expected, and where the keys come from —
 * `jwksUrl` (the container's shared cache for that address) or `jwks` (a cache of your own).
 * The algorithm is not an option: it is pinned to ES256.
 */
export type VerifyBearerOptions = VerifyBearerBaseOptions &
  ({ jwksUrl: string | URL; jwks?: never } | { jwks: JwksCache; jwksUrl?: never });
