import { types } from 'node:util';

/**
 * Whether `value` is an error: an `Error` of this realm, a native error of another one (Jest's
 * sandbox, a `vm` context), or an object shaped like one (a string `message` and `stack`).
 */
export const isError = (value: unknown): value is Error => {
  if (value instanceof Error || types.isNativeError(value)) return true;
  if (typeof value !== 'object' || value === null) return false;
  const { message, stack } = value as { message?: unknown; stack?: unknown };
  return typeof message === 'string' && typeof stack === 'string';
};
