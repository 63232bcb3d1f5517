import { pino, type LoggerOptions as PinoOptions } from 'pino';
import { createColdStartTracker } from './cold-start.js';
import { LoggerOptionsError } from './errors.js';
import { DEFAULT_LOG_LEVEL, parseLogLevel } from './levels.js';
import { REDACT_CENSOR, REDACT_PATHS } from './redaction.js';
import type { InvocationContext, InvocationLogger, Logger, LoggerOptions } from './types.js';

/** pino's standard err serializer, plus `name` (the standard one gives only the constructor as `type`). */
const serializeError = (value: unknown): unknown => {
  if (!(value instanceof Error)) return pino.stdSerializers.err(value as Error);
  const serialized = pino.stdSerializers.err(value);
  serialized['name'] ??= value.name;
  return serialized;
};

/** The line format: CloudWatch Logs Insights reads `message`, `level` and `time` with no parsing rules. */
const pinoOptions = (service: string, stage: string, redactPaths: readonly string[]): PinoOptions => ({
  level: DEFAULT_LOG_LEVEL,
  base: { service, stage }, // replaces pid and hostname, which say nothing in Lambda
  messageKey: 'message',
  timestamp: pino.stdTimeFunctions.isoTime,
  formatters: { level: (label) => ({ level: label }) },
  serializers: { err: serializeError, error: serializeError },
  redact: { paths: [...REDACT_PATHS, ...redactPaths], censor: REDACT_CENSOR },
});

/**
 * Creates the container-scoped base logger: pino writing one JSON object per line, each with
 * `service` and `stage`, secrets redacted (see `REDACT_PATHS`). Create it once at module scope;
 * per invocation, call `forInvocation` to get a child that also carries `function`,
 * `awsRequestId`, `correlationId` and `coldStart`.
 *
 * The level can change at any time with `setLevel` (for example from a settings refresh): it
 * applies to the base logger and to every child that has not set its own level, whether it
 * was created before or after the change.
 *
 * @example
 * const logger = createLogger({ service: 'risk-service', stage: 'dev' });
 * settings.onRefresh((s) => logger.setLevel(s.logLevel));
 *
 * export const handler = async (event: unknown, context: Context) => {
 *   const log = logger.forInvocation({ ...context, correlationId: 'c-1' });
 *   log.info({ companyId: 'c-42' }, 'Risk requested');
 * };
 */
export const createLogger = (options: LoggerOptions): Logger => {
  const { service, destination, redactPaths = [] } = options;
  if (typeof service !== 'string' || service.trim() === '') {
    throw new LoggerOptionsError(`service must be a non-empty string, got ${JSON.stringify(service)}`);
  }
  // Read at container start only, and the same default as @platform/settings, so both agree.
  const stage = options.stage ?? process.env['STAGE'] ?? 'local';
  const isColdStart = createColdStartTracker();
  let lastRejected: string | undefined;

  function setLevel(level: unknown): boolean {
    const parsed = parseLogLevel(level);
    if (parsed === undefined) {
      const rejected = String(level);
      // Settings refresh often: say it once per bad value rather than on every refresh.
      if (rejected !== lastRejected) {
        lastRejected = rejected;
        const kept = logger.level;
        logger.warn({ invalidLevel: rejected, keptLevel: kept }, `Invalid log level "${rejected}"; keeping "${kept}"`);
      }
      return false;
    }
    lastRejected = undefined;
    if (logger.level !== parsed) logger.level = parsed;
    return true;
  }

  function forInvocation(invocation: InvocationContext): InvocationLogger {
    const firstInvocation = isColdStart();
    // No child options on purpose: a child given no level of its own reads the base logger's
    // level through its prototype, so later setLevel calls reach it too.
    return logger.child({
      function: invocation.functionName,
      awsRequestId: invocation.awsRequestId,
      correlationId: invocation.correlationId ?? invocation.awsRequestId,
      coldStart: invocation.coldStart ?? firstInvocation,
    });
  }

  const logger: Logger = Object.assign(pino(pinoOptions(service, stage, redactPaths), destination), {
    setLevel,
    forInvocation,
  });
  if (options.level !== undefined) setLevel(options.level);
  return logger;
};
