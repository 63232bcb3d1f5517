import { JWKS_DEFAULTS } from './constants.js';
import { AuthOptionsError, type AuthUnavailableError } from './errors.js';
import { fetchJwks, type KeySet } from './fetch-jwks.js';
import type { JwksCache, JwksCacheOptions } from './types.js';

interface Snapshot {
  keys: KeySet;
  fetchedAt: number;
}

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
 * A container-scoped cache of one JWKS. Rules:
 * - a fetched key set is used for `ttlMs` (10 min), then fetched again;
 * - an unknown `kid` triggers a refetch only if the last fetch started `minRefetchIntervalMs`
 *   (1 min) ago or more, so a flood of random `kid`s cannot hammer auth-service; otherwise it
 *   stays unknown;
 * - concurrent callers share one fetch (single-flight);
 * - a failed fetch is retried no sooner than `failureBackoffMs` (5 s); meanwhile, and while it
 *   fails, an expired key set keeps being served; with nothing cached (or for an unknown `kid`'s
 *   refetch) the failure is an `AuthUnavailableError` (503).
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
  const fetch = options.fetch ?? globalThis.fetch;
  const clock = options.clock ?? Date.now;
  const retryAfterSeconds = Math.max(1, Math.ceil(failureBackoffMs / 1000));

  let snapshot: Snapshot | undefined;
  let inflight: Promise<Snapshot> | undefined;
  let lastAttemptAt: number | undefined;
  let lastFailure: AuthUnavailableError | undefined;
  let generation = 0; // bumped by clear(): a fetch started before it is not stored
  const counters = { fetches: 0, fetchFailures: 0 };

  const sinceLastAttempt = (): number => (lastAttemptAt === undefined ? Infinity : clock() - lastAttemptAt);

  const fetchSnapshot = async (started: number): Promise<Snapshot> => {
    try {
      const next = { keys: await fetchJwks({ jwksUrl, fetch, timeoutMs, retryAfterSeconds }), fetchedAt: clock() };
      if (started === generation) {
        snapshot = next;
        lastFailure = undefined;
      }
      return next;
    } catch (error) {
      counters.fetchFailures += 1;
      if (started === generation) lastFailure = error as AuthUnavailableError;
      throw error;
    }
  };

  /** Starts a fetch, or joins the one under way. */
  const load = (): Promise<Snapshot> => {
    if (inflight) return inflight;
    lastAttemptAt = clock();
    counters.fetches += 1;
    const attempt = fetchSnapshot(generation).finally(() => {
      if (inflight === attempt) inflight = undefined;
    });
    inflight = attempt;
    return attempt;
  };

  const current = async (): Promise<Snapshot> => {
    if (snapshot && clock() - snapshot.fetchedAt < ttlMs) return snapshot;
    if (!inflight && lastFailure && sinceLastAttempt() < failureBackoffMs) {
      if (snapshot) return snapshot;
      throw lastFailure;
    }
    try {
      return await load();
    } catch (error) {
      if (snapshot) return snapshot; // stale keys beat refusing every caller while auth-service is down
      throw error;
    }
  };

  const cache: JwksCache = {
    jwksUrl,
    async getKey(kid) {
      let keys = (await current()).keys;
      if (!keys.has(kid) && (inflight || sinceLastAttempt() >= minRefetchIntervalMs)) keys = (await load()).keys;
      return keys.get(kid) ?? undefined;
    },
    clear() {
      generation += 1;
      snapshot = undefined;
      inflight = undefined;
      lastAttemptAt = undefined;
      lastFailure = undefined;
    },
    stats: () => ({ ...counters, keys: snapshot?.keys.size ?? 0, fetchedAt: snapshot?.fetchedAt }),
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
