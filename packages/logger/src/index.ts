export { createLogger } from './create-logger.js';
export { createColdStartTracker } from './cold-start.js';
export { DEFAULT_LOG_LEVEL, LOG_LEVELS, parseLogLevel } from './levels.js';
export {
  REDACT_CENSOR,
  REDACT_MAX_DEPTH,
  SECRET_KEYS,
  SECRET_NAME,
  createRedactor,
  looksSecretName,
} from './redaction.js';
export { LoggerError, LoggerOptionsError } from './errors.js';
export type {
  ColdStartTracker,
  InvocationContext,
  InvocationLogger,
  LogLevel,
  Logger,
  LoggerOptions,
} from './types.js';
