/**
 * One-at-a-time execution for the whole process: what makes a transaction atomic and isolated
 * from other transactions here. Callers queue in arrival order.
 *
 * @example
 * const mutex = createMutex();
 * await mutex.run(async () => apply());
 */
export interface Mutex {
  run<T>(work: () => Promise<T>): Promise<T>;
}

export const createMutex = (): Mutex => {
  let tail: Promise<unknown> = Promise.resolve();
  return {
    run<T>(work: () => Promise<T>): Promise<T> {
      const result = tail.then(work);
      tail = result.catch(() => undefined);
      return result;
    },
  };
};
