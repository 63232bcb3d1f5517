import { pino, type DestinationStream, type LogFn, type LoggerOptions as PinoOptions } from 'pino';
import { createColdStartTracker } from './cold-start.js';
import { databaseErrorMessage, isDatabaseError } from './database-error.js';
import { LoggerOptionsError } from './errors.js';
import { isError } from './is-error.js';
import { DEFAULT_LOG_LEVEL, parseLogLevel } from './levels.js';
import { createRedactor, SECRET_KEYS } from './redaction.js';
import { createErrorSerializer } from './serialize-error.js';
import type { InvocationContext, InvocationLogger, Logger, LoggerOptions } from './types.js';

/** The error pino takes a line's message from when none is given: the first argument, or its `err`. */
const errorGivingMessage = (first: unknown): Error | undefined => {
  if (isError(first)) return first;
  if (typeof first !== 'object' || first === null) return undefined;
  const { err, message } = first as { err?: unknown; message?: unknown };
  return message === undefined && isError(err) ? err : undefined;
};

/** `log.error(dbError)` would make the database's message (and the input it quotes) the line's message. */
function safeMessages(this: unknown, args: Parameters<LogFn>, method: LogFn): void {
  const error = args.length === 1 ? errorGivingMessage(args[0]) : undefined;
  if (error !== undefined && isDatabaseError(error)) return method.call(this, args[0], databaseErrorMessage(error));
  return method.apply(this, args);
}

/** The line format: CloudWatch Logs Insights reads `message`, `level` and `time` with no parsing rules. */
const pinoOptions = (service: string, stage: string, redact: <T>(value: T) => T): PinoOptions => {
  const serializeError = createErrorSerializer(redact);
  return {
    level: DEFAULT_LOG_LEVEL,
    base: { service, stage }, // replaces pid and hostname, which say nothing in Lambda
    messageKey: 'message',
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label) => ({ level: label }), bindings: redact, log: redact },
    // Errors are not plain objects, so `log` leaves them alone: the serializer redacts its own output.
    serializers: { err: serializeError, error: serializeError },
    hooks: { logMethod: safeMessages },
  };
};

/**
 * Creates the container-scoped base logger: pino writing one JSON object per line, each with
 * `service` and `stage`, secrets redacted (see `SECRET_KEYS`), errors under `err` written by the
 * rules of `createErrorSerializer` (a database error as its SQLSTATE, never its SQL, bound values
 * or message). Create it once at module scope; per invocation, call `forInvocation` to get a
 * child that also carries `function`, `awsRequestId`, `correlationId` and `coldStart`.
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
let stdout: DestinationStream | undefined;

/**
 * Every logger's default destination: stdout, written synchronously (one write per line, done
 * when the call returns). pino's own default buffers lines and writes them asynchronously; Lambda
 * freezes the process as soon as the handler answers, so a pending line (an invocation's last
 * log line, its metrics line) would reach CloudWatch at the next thaw or never, and pino's exit
 * flush waits 100 ms on a busy pipe. pino's documentation recommends `sync: true` on Lambda.
 */
const stdoutDestination = (): DestinationStream => {
  // As pino's own default: when something has replaced process.stdout.write (a test capturing
  // output, a wrapper), lines go through it rather than around it to the file descriptor.
  const write = process.stdout.write as unknown;
  if (write !== Object.getPrototypeOf(process.stdout).write) return process.stdout;
  return (stdout ??= pino.destination({ fd: process.stdout.fd ?? 1, sync: true }));
};

export const createLogger = (options: LoggerOptions): Logger => {
  const { service, destination, secretKeys = [] } = options;
  // A key walker rather than pino's path-based `redact`: case-insensitive, any depth up to 8, and
  // several times cheaper per line than 78 wildcard paths (see bench/http-adapter.ts).
  const redact = createRedactor([...SECRET_KEYS, ...secretKeys]);
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

  const root = pino(pinoOptions(service, stage, redact), destination ?? stdoutDestination());
  // pino formats only the root's bindings; children (and their children, through the prototype
  // chain) get their bindings redacted here.
  const pinoChild = root.child;
  root.child = function redactedChild(this: typeof root, bindings, childOptions) {
    return pinoChild.call(this, redact(bindings), childOptions);
  } as typeof root.child;
  const stream = (root as unknown as Record<symbol, { write(line: string): unknown }>)[pino.symbols.streamSym];
  function writeDocument(document: object): void {
    stream?.write(`${JSON.stringify(document)}\n`);
  }
  const logger: Logger = Object.assign(root, {
    setLevel,
    forInvocation,
    writeDocument,
  });
  if (options.level !== undefined) setLevel(options.level);
  return logger;
};
