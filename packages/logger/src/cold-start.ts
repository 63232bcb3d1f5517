import type { ColdStartTracker } from './types.js';

/**
 * Creates a tracker that answers "is this the container's first invocation?": its first call
 * returns `true`, every later call `false`. Keep it at module scope (one per container); a
 * logger made by `createLogger` holds one of its own for `forInvocation`.
 *
 * @example
 * const isColdStart = createColdStartTracker();
 * export const handler = async () => {
 *   const coldStart = isColdStart(); // true on the first invocation of this container only
 * };
 */
export const createColdStartTracker = (): ColdStartTracker => {
  let first = true;
  return function isColdStart(): boolean {
    const coldStart = first;
    first = false;
    return coldStart;
  };
};
