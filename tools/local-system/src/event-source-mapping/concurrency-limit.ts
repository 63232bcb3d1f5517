/** A counting semaphore whose waiters give up when a signal aborts. */
export interface ConcurrencyLimit {
  /** Resolves `true` with a slot taken, or `false` once `signal` aborts. */
  acquire(signal: AbortSignal): Promise<boolean>;
  /** Gives a slot back, to the longest waiter first. */
  release(): void;
  /** How many callers wait for a slot now. */
  waiting(): number;
}

/**
 * Creates a limit of `slots` concurrent holders.
 *
 * @example
 * const limit = createConcurrencyLimit(2);
 * if (await limit.acquire(signal)) {
 *   try { await work(); } finally { limit.release(); }
 * }
 */
export const createConcurrencyLimit = (slots: number): ConcurrencyLimit => {
  let free = slots;
  const waiters: Array<() => void> = [];

  const acquire = function acquire(signal: AbortSignal): Promise<boolean> {
    if (signal.aborted) return Promise.resolve(false);
    if (free > 0) {
      free -= 1;
      return Promise.resolve(true);
    }
    return new Promise((resolve) => {
      const onAbort = (): void => {
        waiters.splice(waiters.indexOf(grant), 1);
        resolve(false);
      };
      const grant = (): void => {
        signal.removeEventListener('abort', onAbort);
        resolve(true);
      };
      waiters.push(grant);
      signal.addEventListener('abort', onAbort, { once: true });
    });
  };

  const release = function release(): void {
    const next = waiters.shift();
    if (next) next();
    else free += 1;
  };

  return { acquire, release, waiting: () => waiters.length };
};
