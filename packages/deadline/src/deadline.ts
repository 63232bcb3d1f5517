import { AsyncLocalStorage } from 'node:async_hooks';
import { setMaxListeners } from 'node:events';
import { DeadlineExceededError } from './errors.js';

/** The deadline of the work in progress (an invocation, or a part of it given less time). */
export interface Deadline {
  /** Epoch milliseconds at which the work must have answered. */
  readonly at: number;
  /** Milliseconds left (0 once passed). */
  remainingMs(): number;
  /** Aborts at `at`, with a {@link DeadlineExceededError} as its `reason`. */
  readonly signal: AbortSignal;
}

/** Node's timers take at most 2^31 - 1 ms; a later (or infinite) deadline never fires. */
const MAX_TIMER_MS = 2 ** 31 - 1;

/** One scope's state: the signal and its timer exist only once someone asks for the signal. */
class Scope implements Deadline {
  private controller: AbortController | undefined;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    readonly at: number,
    private readonly now: () => number,
  ) {}

  remainingMs(): number {
    return Math.max(0, this.at - this.now());
  }

  get signal(): AbortSignal {
    if (this.controller) return this.controller.signal;
    const controller = new AbortController();
    this.controller = controller;
    // Every call waiting inside the invocation listens to this one signal: no listener limit.
    setMaxListeners(0, controller.signal);
    const expire = () => controller.abort(new DeadlineExceededError('the work in progress'));
    const remaining = this.remainingMs();
    if (remaining === 0) expire();
    else if (remaining <= MAX_TIMER_MS) {
      this.timer = setTimeout(expire, remaining);
      // The deadline never keeps a process alive on its own.
      this.timer.unref();
    }
    return controller.signal;
  }

  /** Stops the timer when the scope's work is done (nothing waits on its signal any more). */
  close(): void {
    if (this.timer) clearTimeout(this.timer);
  }
}

const storage = new AsyncLocalStorage<Scope>();

/** Options of {@link runWithDeadline}. */
export interface RunWithDeadlineOptions {
  /** Time source (epoch ms), injectable for tests. Default `Date.now`. */
  now?: () => number;
}

/**
 * Runs `fn` with a deadline that every outbound call made inside it (however deep, across
 * `await`s) can read with {@link currentDeadline}. Nested scopes never extend time: the earlier
 * deadline wins. The adapters of `@platform/lambda` run each invocation in one, ending shortly
 * before Lambda would stop the function, so a slow dependency fails the call in time to answer
 * in the standard shape.
 *
 * @example
 * const started = Date.now();
 * await runWithDeadline(started + context.getRemainingTimeInMillis() - 1_000, () => handle(event));
 */
export const runWithDeadline = async <T>(
  at: number,
  fn: () => Promise<T> | T,
  options: RunWithDeadlineOptions = {},
): Promise<T> => {
  const outer = storage.getStore();
  const scope = new Scope(Math.min(at, outer?.at ?? Infinity), options.now ?? Date.now);
  try {
    return await storage.run(scope, fn);
  } finally {
    scope.close();
  }
};

/**
 * Runs `fn` outside any deadline: for work shared by many invocations, such as a settings or key
 * set refresh, which has its own load deadline and must not be cut short by the invocation that
 * happened to start it.
 *
 * @example
 * const load = (signal: AbortSignal) => outsideDeadline(() => fetchKeys(signal));
 */
export const outsideDeadline = <T>(fn: () => T): T => storage.exit(fn);

/** The deadline in force here, or undefined outside any. */
export const currentDeadline = (): Deadline | undefined => storage.getStore();

/**
 * A signal for one call: it aborts after `timeoutMs` (when given) or at the current deadline,
 * whichever comes first. Undefined when there is neither (never with a `timeoutMs`).
 *
 * @example
 * await fetch(url, { signal: deadlineSignal(2_000) }); // 2 s, or less when the invocation has less
 */
export function deadlineSignal(timeoutMs: number): AbortSignal;
export function deadlineSignal(timeoutMs?: number): AbortSignal | undefined;
export function deadlineSignal(timeoutMs?: number): AbortSignal | undefined {
  const deadline = currentDeadline();
  const own = timeoutMs === undefined ? undefined : AbortSignal.timeout(timeoutMs);
  if (!deadline) return own;
  return own ? AbortSignal.any([own, deadline.signal]) : deadline.signal;
}

/**
 * `timeoutMs`, or the time left before the current deadline when that is shorter (never below 0).
 *
 * @example
 * const statementTimeoutMs = boundedTimeoutMs(5_000);
 */
export const boundedTimeoutMs = (timeoutMs: number): number => {
  const deadline = currentDeadline();
  return deadline ? Math.min(timeoutMs, deadline.remainingMs()) : timeoutMs;
};

/**
 * Waits for `work` until the current deadline at most: past it, rejects with a
 * {@link DeadlineExceededError} naming `dependency`. The work itself goes on (pass
 * {@link deadlineSignal} to it when it can be cancelled); its own late failure is swallowed, never
 * an unhandled rejection. Work already settled wins even past the deadline (a value from memory
 * is never refused). Outside any deadline, `work` is returned as is.
 *
 * @example
 * const rows = await withinDeadline(sequelize.query(sql), 'Postgres');
 */
export const withinDeadline = <T>(work: Promise<T>, dependency: string): Promise<T> => {
  const deadline = currentDeadline();
  if (!deadline) return work;
  const { signal } = deadline;
  return new Promise<T>((resolve, reject) => {
    let settled = false;
    const expire = () => {
      if (settled) return;
      settled = true;
      work.catch(() => undefined);
      reject(new DeadlineExceededError(dependency, { cause: signal.reason }));
    };
    const settle = (finish: () => void) => {
      signal.removeEventListener('abort', expire);
      if (settled) return;
      settled = true;
      finish();
    };
    // Past the deadline already, work that has settled (a value served from memory) still wins.
    if (signal.aborted) setImmediate(expire);
    else signal.addEventListener('abort', expire, { once: true });
    work.then(
      (value) => settle(() => resolve(value)),
      (error: unknown) => settle(() => reject(error)),
    );
  });
};

/**
 * Whether the current deadline has passed: a call that failed now may be reported as
 * {@link DeadlineExceededError} instead of whatever its abort looked like.
 */
export const deadlinePassed = (): boolean => {
  const deadline = currentDeadline();
  return deadline !== undefined && deadline.remainingMs() === 0;
};

/**
 * Runs `fn` with a short deadline of its own, `graceMs` from now, even when the current one has
 * passed: for compensating work that must still be tried once the invocation is out of time
 * (releasing a claim whose request could not be sent). Take the grace from the adapters' reserve.
 *
 * @example
 * await runWithGrace(500, () => repository.releaseRefresh(companyId, claimedAt));
 */
export const runWithGrace = <T>(graceMs: number, fn: () => Promise<T> | T): Promise<T> =>
  outsideDeadline(() => runWithDeadline(Date.now() + graceMs, fn));
