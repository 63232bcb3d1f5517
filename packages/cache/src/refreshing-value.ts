import { exponentialDelay } from './backoff.js';
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
  /**
   * Back-off while there is no value (callers have nothing meanwhile, so it is usually shorter).
   * Default: `failureBackoff`.
   */
  coldBackoff?: { initialMs: number; maxMs: number };
  /**
   * Oldest a stale value may be and still be served, in ms: past it, `get()` waits for a load
   * (bounded by `loadTimeoutMs`) and fails when it fails, as when there is no value. Default:
   * `Infinity` (the last good value beats no value).
   */
  maxStaleMs?: number;
  /** Called after every successful load, before callers get the value. Its errors go to `onListenerError`. */
  onLoad?: (value: T) => void;
  /** Called once per failed load. */
  onFailure?: (failure: LoadFailure) => void;
  /** Where an `onLoad` or `onFailure` that throws is reported (default: ignored; nothing else changes). */
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

/** Longest delay a Node timer takes; a longer one fires after 1 ms. */
const MAX_TIMER_MS = 2 ** 31 - 1;
/**
 * A load whose real duration passed its deadline by more than this was suspended (a Lambda
 * container frozen between invocations, or a stalled event loop), not failed by its dependency.
 */
const SUSPENDED_SLACK_MS = 1_000;

const check = (value: number, name: string, allowInfinity = false): void => {
  if (!(value >= 0) || (!allowInfinity && value === Infinity))
    throw new CacheOptionsError(`${name} must be a number ≥ 0${allowInfinity ? ' (or Infinity)' : ''}, got ${value}`);
};

const checkBackoff = (backoff: { initialMs: number; maxMs: number }, name: string): void => {
  check(backoff.initialMs, `${name}.initialMs`);
  check(backoff.maxMs, `${name}.maxMs`);
  if (backoff.maxMs < backoff.initialMs)
    throw new CacheOptionsError(`${name}.maxMs must be ≥ ${name}.initialMs, got ${backoff.maxMs}`);
};

/** The wait after the `failures`-th consecutive failure: doubling from `initialMs`, capped. */
const backoffDelay = (backoff: { initialMs: number; maxMs: number }, failures: number): number =>
  exponentialDelay(failures, { initial: backoff.initialMs, max: backoff.maxMs });

/**
 * One value (settings, a key set, a catalogue) that a container keeps fresh:
 * - TTL: a loaded value is fresh for `ttlMs`;
 * - single flight: concurrent callers share one load;
 * - deadline: a load has `loadTimeoutMs`; then it fails (and is aborted), so no caller waits on a
 *   hung dependency longer than that;
 * - stale-while-revalidate: past the TTL, callers get the last value at once while one load runs
 *   in the background; a failure keeps the last value;
 * - failure back-off: after a failure no load starts for `initialMs`, doubling to `maxMs`
 *   (`coldBackoff` when there is no value), and `onFailure` is called once per failure;
 * - a load suspended past its deadline (a Lambda freeze between invocations) is not a failure:
 *   nothing is counted or logged, and the next `get()` tries again;
 * - `maxStaleMs`: how stale a value may get before callers wait for a load instead;
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
  const coldBackoff = options.coldBackoff ?? failureBackoff;
  const maxStaleMs = options.maxStaleMs ?? Infinity;
  check(ttlMs, 'ttlMs', true);
  check(loadTimeoutMs, 'loadTimeoutMs');
  if (loadTimeoutMs > MAX_TIMER_MS) throw new CacheOptionsError(`loadTimeoutMs must be ≤ ${MAX_TIMER_MS}`);
  checkBackoff(failureBackoff, 'failureBackoff');
  checkBackoff(coldBackoff, 'coldBackoff');
  check(maxStaleMs, 'maxStaleMs', true);
  const clock = options.clock ?? Date.now;
  /** Listener errors never change what callers get. */
  const report = (error: unknown): void => {
    try {
      options.onListenerError?.(error);
    } catch {
      // a reporter that throws has nowhere left to report to
    }
  };

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
      report(error);
    }
    return value;
  };

  const fail = (error: Error, elapsedMs: number): never => {
    // Suspended, not failed: the next get() tries again at once, with nothing counted or logged.
    if (elapsedMs > loadTimeoutMs + SUSPENDED_SLACK_MS) throw error;
    failures += 1;
    counters.loadFailures += 1;
    lastError = error;
    const retryInMs = backoffDelay(current ? failureBackoff : coldBackoff, failures);
    const now = clock();
    retryAt = now + retryInMs;
    try {
      options.onFailure?.({
        error,
        failures,
        retryInMs,
        servingStale: current !== undefined,
        staleAgeMs: current ? Math.max(0, now - current.loadedAt) : undefined,
      });
    } catch (listenerError) {
      report(listenerError);
    }
    throw error;
  };

  /** The load under way, or a new one. Never left pending past `loadTimeoutMs`. */
  const load = (): Promise<T> => {
    if (inflight) return inflight.promise;
    const started = generation;
    const startedAt = performance.now(); // monotonic: a wall-clock step cannot fake a suspension
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
    const superseded = () => Promise.reject(new CacheError('The load was superseded by a reset'));
    const attempt = Promise.race([Promise.resolve().then(() => options.load(aborter.signal)), deadline]).then(
      (value) => (started === generation ? succeed(value) : superseded()),
      (error: unknown) => (started === generation ? fail(toError(error), performance.now() - startedAt) : superseded()),
    );
    const promise = attempt.finally(() => {
      clearTimeout(timer);
      aborter.abort(); // whatever of the load still runs (the other half of a Promise.all) stops
      if (inflight?.promise === promise) inflight = undefined;
    });
    inflight = { promise, aborter };
    return promise;
  };

  // A clock stepped backwards makes ages negative: treat that as stale and the back-off as over,
  // rather than serving or refusing for as long as the step.
  const ageOf = (value: { loadedAt: number }): number => clock() - value.loadedAt;
  const backingOff = (): boolean => {
    if (failures === 0) return false;
    const left = retryAt - clock();
    return left > 0 && left <= Math.max(failureBackoff.maxMs, coldBackoff.maxMs);
  };
  const isFresh = (): boolean => current !== undefined && ageOf(current) >= 0 && ageOf(current) < ttlMs;
  const servable = (): boolean => current !== undefined && ageOf(current) <= ttlMs + maxStaleMs;

  return {
    get: async () => {
      if (current && servable()) {
        if (!isFresh() && !inflight && !backingOff()) load().catch(() => undefined); // reported by onFailure
        return current.value;
      }
      if (!inflight && backingOff() && lastError) throw lastError;
      return load();
    },
    refresh: () => load(),
    peek: () => current?.value,
    status: () => {
      const now = clock();
      return {
        loaded: current !== undefined,
        loadedAt: current?.loadedAt,
        ageMs: current ? Math.max(0, now - current.loadedAt) : undefined,
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
