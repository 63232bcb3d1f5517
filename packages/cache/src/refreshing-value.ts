import { CacheError, CacheOptionsError } from './errors.js';
import type { Clock } from './types.js';

/** A load did not finish within `loadTimeoutMs`; its result, if any comes, is dropped. */
export class LoadTimeoutError extends CacheError {
  constructor(timeoutMs: number) {
    super(`The load did not finish within ${timeoutMs} ms`);
    this.name = 'LoadTimeoutError';
  }
}

/** What a failed load tells `onFailure`: once per failure, so once per back-off window. */
export interface LoadFailure {
  error: Error;
  /** Consecutive failures, this one included. */
  failures: number;
  /** No load is tried before this many ms from now. */
  retryInMs: number;
  /** A value is being served meanwhile (stale), or none (cold). */
  servingStale: boolean;
  /** How old the served value is, in ms, when there is one. */
  staleAgeMs: number | undefined;
}

/** Options for {@link createRefreshingValue}. */
export interface RefreshingValueOptions<T> {
  /**
   * Produces a fresh value. It gets a signal aborted when `loadTimeoutMs` passes (or on `reset`),
   * which it should pass on to its I/O.
   */
  load: (signal: AbortSignal) => Promise<T>;
  /** How long a loaded value is fresh, in ms. */
  ttlMs: number;
  /** A load still running after this many ms fails with {@link LoadTimeoutError}. */
  loadTimeoutMs: number;
  /** Wait after a failed load while a value is served, doubling per failure: first and cap, in ms. */
  failureBackoff: { initialMs: number; maxMs: number };
  /** First wait after a failure while there is no value (callers have nothing meanwhile). Default: `failureBackoff.initialMs`. */
  coldBackoffMs?: number;
  /** Called after every successful load, before callers get the value. Its errors go to `onListenerError`. */
  onLoad?: (value: T) => void;
  /** Called once per failed load. */
  onFailure?: (failure: LoadFailure) => void;
  /** Where an `onLoad` that throws is reported (default: ignored; the value is kept). */
  onListenerError?: (error: unknown) => void;
  clock?: Clock;
}

/** Where a refreshing value stands, for logs and health checks. */
export interface RefreshingValueStatus {
  loaded: boolean;
  /** When the current value was loaded (clock time). */
  loadedAt: number | undefined;
  /** How old the current value is, in ms. */
  ageMs: number | undefined;
  /** The current value is past its TTL (it is still served while a refresh is tried). */
  stale: boolean;
  /** A load is running. */
  loading: boolean;
  /** Consecutive failed loads. */
  failures: number;
  /** No load starts before this time (TTL or back-off); 0 when one may start now. */
  nextLoadAt: number;
  /** When the last load started. */
  lastAttemptAt: number | undefined;
  lastError: Error | undefined;
  /** Loads started and failed since creation (or the last reset). */
  loads: number;
  loadFailures: number;
}

/** A value kept fresh in the background: see {@link createRefreshingValue}. */
export interface RefreshingValue<T> {
  /**
   * The value. Fresh: at once. Stale (past the TTL): at once too, and one background refresh
   * starts unless one is running or a back-off holds. None yet: waits for the (single-flight)
   * load, at most `loadTimeoutMs`; during a back-off after a failed cold load it throws that
   * load's error at once.
   */
  get(): Promise<T>;
  /**
   * Loads now, whatever the TTL or back-off (joins a load under way), and resolves the new value;
   * rejects when that load fails. For "the data may have changed" signals, e.g. an unknown key id.
   */
  refresh(): Promise<T>;
  /** The current value without loading, fresh or stale; undefined when none. */
  peek(): T | undefined;
  status(): RefreshingValueStatus;
  /** Forgets the value, the back-off and any load under way (which is aborted and ignored). */
  reset(): void;
}

const toError = (error: unknown): Error => (error instanceof Error ? error : new Error(String(error)));

const check = (value: number, name: string, allowInfinity = false): void => {
  if (!(value >= 0) || (!allowInfinity && value === Infinity))
    throw new CacheOptionsError(`${name} must be a number ≥ 0${allowInfinity ? ' (or Infinity)' : ''}, got ${value}`);
};

/**
 * One value (settings, a key set, a catalogue) that a container keeps fresh:
 * - TTL: a loaded value is fresh for `ttlMs`;
 * - single flight: concurrent callers share one load;
 * - deadline: a load has `loadTimeoutMs`; then it fails (and is aborted), so no caller waits on a
 *   hung dependency longer than that;
 * - stale-while-revalidate: past the TTL, callers get the last value at once while one load runs
 *   in the background; a failure keeps the last value;
 * - failure back-off: after a failure no load starts for `initialMs`, doubling to `maxMs`
 *   (`coldBackoffMs` first when there is no value), and `onFailure` is called once per failure;
 * - `status()`: age, staleness, failures, last error.
 *
 * @example
 * const keys = createRefreshingValue({
 *   load: (signal) => fetchKeys({ signal }),
 *   ttlMs: 600_000, loadTimeoutMs: 3_000, failureBackoff: { initialMs: 5_000, maxMs: 60_000 },
 * });
 * const current = await keys.get();
 */
export const createRefreshingValue = <T>(options: RefreshingValueOptions<T>): RefreshingValue<T> => {
  const { ttlMs, loadTimeoutMs, failureBackoff } = options;
  check(ttlMs, 'ttlMs', true);
  check(loadTimeoutMs, 'loadTimeoutMs');
  check(failureBackoff.initialMs, 'failureBackoff.initialMs');
  check(failureBackoff.maxMs, 'failureBackoff.maxMs');
  const coldBackoffMs = options.coldBackoffMs ?? failureBackoff.initialMs;
  check(coldBackoffMs, 'coldBackoffMs');
  const clock = options.clock ?? Date.now;

  let current: { value: T; loadedAt: number } | undefined;
  let inflight: { promise: Promise<T>; aborter: AbortController } | undefined;
  let failures = 0;
  let retryAt = 0;
  let lastAttemptAt: number | undefined;
  let lastError: Error | undefined;
  let generation = 0;
  const counters = { loads: 0, loadFailures: 0 };

  const succeed = (value: T): T => {
    current = { value, loadedAt: clock() };
    failures = 0;
    retryAt = 0;
    lastError = undefined;
    try {
      options.onLoad?.(value);
    } catch (error) {
      options.onListenerError?.(error);
    }
    return value;
  };

  const fail = (error: Error): never => {
    failures += 1;
    counters.loadFailures += 1;
    lastError = error;
    const first = current ? failureBackoff.initialMs : coldBackoffMs;
    const retryInMs = Math.min(failureBackoff.maxMs, first * 2 ** (failures - 1));
    retryAt = clock() + retryInMs;
    const now = clock();
    options.onFailure?.({
      error,
      failures,
      retryInMs,
      servingStale: current !== undefined,
      staleAgeMs: current ? now - current.loadedAt : undefined,
    });
    throw error;
  };

  /** The load under way, or a new one. Never left pending past `loadTimeoutMs`. */
  const load = (): Promise<T> => {
    if (inflight) return inflight.promise;
    const started = generation;
    const aborter = new AbortController();
    lastAttemptAt = clock();
    counters.loads += 1;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const deadline = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        const error = new LoadTimeoutError(loadTimeoutMs);
        aborter.abort(error);
        reject(error);
      }, loadTimeoutMs);
      timer.unref?.();
    });
    const attempt = Promise.race([Promise.resolve().then(() => options.load(aborter.signal)), deadline]).then(
      (value) => (started === generation ? succeed(value) : value),
      (error: unknown) => (started === generation ? fail(toError(error)) : Promise.reject(toError(error))),
    );
    const promise = attempt.finally(() => {
      clearTimeout(timer);
      if (inflight?.promise === promise) inflight = undefined;
    });
    inflight = { promise, aborter };
    return promise;
  };

  const backingOff = (): boolean => failures > 0 && clock() < retryAt;
  const isFresh = (): boolean => current !== undefined && clock() - current.loadedAt < ttlMs;

  return {
    get: async () => {
      if (current) {
        if (!isFresh() && !inflight && !backingOff()) load().catch(() => undefined); // reported by onFailure
        return current.value;
      }
      if (!inflight && backingOff()) throw lastError as Error;
      return load();
    },
    refresh: () => load(),
    peek: () => current?.value,
    status: () => {
      const now = clock();
      return {
        loaded: current !== undefined,
        loadedAt: current?.loadedAt,
        ageMs: current ? now - current.loadedAt : undefined,
        stale: current !== undefined && !isFresh(),
        loading: inflight !== undefined,
        failures,
        nextLoadAt: backingOff() ? retryAt : current && isFresh() ? current.loadedAt + ttlMs : 0,
        lastAttemptAt,
        lastError,
        ...counters,
      };
    },
    reset: () => {
      generation += 1;
      inflight?.aborter.abort(new CacheError('reset'));
      inflight = undefined;
      current = undefined;
      failures = 0;
      retryAt = 0;
      lastAttemptAt = undefined;
      lastError = undefined;
      counters.loads = 0;
      counters.loadFailures = 0;
    },
  };
};
