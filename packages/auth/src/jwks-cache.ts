import { createRefreshingValue } from '@platform/cache';
import { JWKS_DEFAULTS } from './constants.js';
import { AuthOptionsError, AuthUnavailableError } from './errors.js';
import { fetchJwks, type KeySet } from './fetch-jwks.js';
import { httpGet } from './http-get.js';
import type { JwksCache, JwksCacheOptions } from './types.js';

/** Time a load may take beyond the fetch's own timeout (importing the keys) before it is cut. */
const LOAD_SLACK_MS = 1_000;

/** Every cache created, so tests can reset them all with {@link clearJwksCaches}. */
const registry = new Set<WeakRef<JwksCache>>();

/** The container's cache per JWKS address, used by `verifyBearer({ jwksUrl })`. */
const shared = new Map<string, JwksCache>();

const checkMs = (value: number, name: string): number => {
  if (!(value >= 0) || value === Infinity)
    throw new AuthOptionsError(`${name} must be a finite number ≥ 0, got ${value}`);
  return value;
};

const checkUrl = (jwksUrl: string | URL): string => {
  let url: URL;
  try {
    url = new URL(jwksUrl);
  } catch {
    throw new AuthOptionsError(`jwksUrl must be an absolute URL, got ${String(jwksUrl)}`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new AuthOptionsError(`jwksUrl must be http(s), got ${url.protocol}`);
  }
  return url.href;
};

/**
 * A container-scoped cache of one JWKS, on `createRefreshingValue` from `@platform/cache`. Rules:
 * - a fetched key set is fresh for `ttlMs` (10 min); past it, verifications keep using it at once
 *   while one background fetch runs;
 * - an unknown `kid` triggers a refetch (waited for) only if the last fetch started
 *   `minRefetchIntervalMs` (1 min) ago or more, so a flood of random `kid`s cannot hammer
 *   auth-service; otherwise it stays unknown;
 * - concurrent callers share one fetch (single-flight), which ends within `timeoutMs` (3 s);
 * - a failed fetch is retried no sooner than `failureBackoffMs` (5 s); meanwhile, and while it
 *   fails, an expired key set keeps being served for up to `maxStaleMs` (1 h) past its TTL; with
 *   nothing servable (or for an unknown `kid`'s refetch) the failure is an `AuthUnavailableError` (503).
 *
 * @example
 * const jwks = createJwksCache({ jwksUrl: 'https://auth.example.com/.well-known/jwks.json' });
 * const principal = await verifyBearer(header, { jwks, issuer, audience });
 */
export const createJwksCache = (options: JwksCacheOptions): JwksCache => {
  const jwksUrl = checkUrl(options.jwksUrl);
  const ttlMs = checkMs(options.ttlMs ?? JWKS_DEFAULTS.ttlMs, 'ttlMs');
  const minRefetchIntervalMs = checkMs(
    options.minRefetchIntervalMs ?? JWKS_DEFAULTS.minRefetchIntervalMs,
    'minRefetchIntervalMs',
  );
  const failureBackoffMs = checkMs(options.failureBackoffMs ?? JWKS_DEFAULTS.failureBackoffMs, 'failureBackoffMs');
  const timeoutMs = checkMs(options.timeoutMs ?? JWKS_DEFAULTS.timeoutMs, 'timeoutMs');
  const maxStaleMs = checkMs(options.maxStaleMs ?? JWKS_DEFAULTS.maxStaleMs, 'maxStaleMs');
  const fetch = options.fetch ?? httpGet;
  const clock = options.clock ?? Date.now;
  const retryAfterSeconds = Math.max(1, Math.ceil(failureBackoffMs / 1000));
  const counters = { fetches: 0, fetchFailures: 0 };

  const keySet = createRefreshingValue<KeySet>({
    load: (signal) => {
      counters.fetches += 1;
      return fetchJwks({ jwksUrl, fetch, timeoutMs, retryAfterSeconds, signal });
    },
    ttlMs,
    loadTimeoutMs: timeoutMs + LOAD_SLACK_MS,
    failureBackoff: { initialMs: failureBackoffMs, maxMs: failureBackoffMs },
    maxStaleMs,
    onFailure: () => {
      counters.fetchFailures += 1;
    },
    clock,
  });

  /** Every failure reaches callers as a 503 with Retry-After, a load timeout included. */
  const unavailable = (error: unknown): AuthUnavailableError =>
    error instanceof AuthUnavailableError
      ? error
      : new AuthUnavailableError(`JWKS at ${jwksUrl} could not be fetched: ${(error as Error).message}`, {
          cause: error,
          retryAfterSeconds,
        });
  const sinceLastAttempt = (): number => {
    const at = keySet.status().lastAttemptAt;
    const since = at === undefined ? Infinity : clock() - at;
    return since < 0 ? Infinity : since; // a clock stepped backwards must not lock new keys out
  };

  const cache: JwksCache = {
    jwksUrl,
    async getKey(kid) {
      try {
        let keys = await keySet.get();
        if (!keys.has(kid) && (keySet.status().loading || sinceLastAttempt() >= minRefetchIntervalMs)) {
          keys = await keySet.refresh();
        }
        return keys.get(kid) ?? undefined;
      } catch (error) {
        throw unavailable(error);
      }
    },
    clear() {
      keySet.reset();
    },
    stats: () => {
      const { loadedAt } = keySet.status();
      return { ...counters, keys: keySet.peek()?.size ?? 0, fetchedAt: loadedAt };
    },
  };
  registry.add(new WeakRef(cache));
  return cache;
};

/** The container's shared cache for a JWKS address (default options), created on first use. */
export const sharedJwksCache = (jwksUrl: string | URL): JwksCache => {
  const key = checkUrl(jwksUrl);
  let cache = shared.get(key);
  if (!cache) {
    cache = createJwksCache({ jwksUrl: key });
    shared.set(key, cache);
  }
  return cache;
};

/**
 * Empties every JWKS cache in the process, and forgets the shared ones `verifyBearer` created.
 * For tests only: in a Lambda, the cache living across invocations is the point.
 *
 * @example
 * beforeEach(() => clearJwksCaches());
 */
export const clearJwksCaches = (): void => {
  for (const ref of registry) {
    const cache = ref.deref();
    if (cache) cache.clear();
    else registry.delete(ref);
  }
  shared.clear();
};
