import { createLogger, type Logger } from '@platform/logger';
import type { PlatformSettings } from './types.js';

const loggers = new Map<string, Logger>();

/** The container's base logger for a service, created once and shared by its handlers. */
export const baseLoggerFor = (settings: { service: string; stage: string }, given?: Logger): Logger => {
  if (given) return given;
  const key = `${settings.service}/${settings.stage}`;
  let logger = loggers.get(key);
  if (!logger) {
    logger = createLogger({ service: settings.service, stage: settings.stage });
    loggers.set(key, logger);
  }
  return logger;
};

/** Applies `logLevel` from freshly served settings, so ops can switch levels without a redeploy. */
export const applyLogLevel = (logger: Logger, settings: PlatformSettings): void => {
  const level = settings.logLevel;
  if (typeof level === 'string' && level !== logger.level) logger.setLevel(level);
};
