import { importJWK, type CryptoKey, type JWK } from 'jose';
import { ALGORITHM } from './constants.js';
import { AuthUnavailableError } from './errors.js';
import type { JwksFetch, JwksResponse } from './http-get.js';

/** A fetched key set: `kid` → its ES256 verification key, or `null` for a key of another kind. */
export type KeySet = ReadonlyMap<string, CryptoKey | null>;

/** What {@link fetchJwks} needs. */
export interface FetchJwksOptions {
  jwksUrl: string;
  fetch: JwksFetch;
  timeoutMs: number;
  /** Sent as `Retry-After` when the fetch fails. */
  retryAfterSeconds: number;
  /** Aborts the fetch early (the cache's load deadline, or its reset). */
  signal?: AbortSignal;
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Whether a JWK can verify ES256 signatures: a public P-256 EC key meant for signatures. */
const isEs256VerificationKey = (jwk: Record<string, unknown>): boolean =>
  jwk.kty === 'EC' &&
  jwk.crv === 'P-256' &&
  typeof jwk.x === 'string' &&
  typeof jwk.y === 'string' &&
  (jwk.use === undefined || jwk.use === 'sig') &&
  (jwk.alg === undefined || jwk.alg === ALGORITHM) &&
  (jwk.key_ops === undefined || (Array.isArray(jwk.key_ops) && jwk.key_ops.includes('verify')));

/** Imports the public part only: a private `d` published by mistake must not turn into a private key. */
const importPublicKey = async (jwk: Record<string, unknown>): Promise<CryptoKey | null> => {
  if (!isEs256VerificationKey(jwk)) return null;
  const { kty, crv, x, y } = jwk as JWK;
  try {
    return (await importJWK({ kty, crv, x, y }, ALGORITHM)) as CryptoKey;
  } catch {
    return null;
  }
};

const readKeys = async (response: JwksResponse): Promise<unknown[]> => {
  if (!response.ok) throw new Error(`HTTP ${response.status}`);
  const body: unknown = await response.json();
  if (!isObject(body) || !Array.isArray(body.keys)) throw new Error('the body is not a JWKS ({ "keys": [...] })');
  return body.keys;
};

/**
 * Fetches a JWKS and imports its ES256 keys. Keys without a `kid` are skipped (tokens must name
 * their key); keys of another kind are kept as `null`, so their `kid` is known but unusable (and
 * does not trigger a refetch).
 * Any failure (network, timeout, HTTP status, body) becomes an {@link AuthUnavailableError}.
 */
export const fetchJwks = async (options: FetchJwksOptions): Promise<KeySet> => {
  const { jwksUrl, fetch, timeoutMs, retryAfterSeconds } = options;
  const timeout = AbortSignal.timeout(timeoutMs);
  let entries: unknown[];
  try {
    const response = await fetch(jwksUrl, {
      headers: { accept: 'application/jwk-set+json, application/json' },
      signal: options.signal ? AbortSignal.any([timeout, options.signal]) : timeout,
    });
    entries = await readKeys(response);
  } catch (cause) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    throw new AuthUnavailableError(`JWKS at ${jwksUrl} could not be fetched: ${reason}`, { cause, retryAfterSeconds });
  }
  const keys = new Map<string, CryptoKey | null>();
  for (const jwk of entries) {
    if (!isObject(jwk) || typeof jwk.kid !== 'string' || jwk.kid === '' || keys.get(jwk.kid)) continue;
    const key = await importPublicKey(jwk);
    if (key || !keys.has(jwk.kid)) keys.set(jwk.kid, key); // a usable key wins a shared kid
  }
  return keys;
};
