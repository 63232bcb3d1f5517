import type { LogLevel } from './types.js';

/** The levels `createLogger` and `setLevel` accept, most verbose first; `silent` turns logging off. */
export const LOG_LEVELS: readonly LogLevel[] = ['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent'];

/** The level a logger starts at when none (or an invalid one) is given. */
export const DEFAULT_LOG_LEVEL: LogLevel = 'info';

const KNOWN = new Set<string>(LOG_LEVELS);

/**
 * Reads a level as it arrives from settings: surrounding spaces and case are ignored, so
 * `' DEBUG '` is `debug`. Anything else (an unknown name, a number, `undefined`) gives
 * `undefined`; it never throws, because it runs on every settings refresh.
 *
 * @example
 * parseLogLevel('Debug'); // 'debug'
 * parseLogLevel('verbose'); // undefined
 */
export const parseLogLevel = (value: unknown): LogLevel | undefined => {
  if (typeof value !== 'string') return undefined;
  const normalized = value.trim().toLowerCase();
  return KNOWN.has(normalized) ? (normalized as LogLevel) : undefined;
};
