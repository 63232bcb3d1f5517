import type { DestinationStream, Logger as PinoLogger } from 'pino';

/** A pino level name; `silent` turns logging off. */
export type LogLevel = 'trace' | 'debug' | 'info' | 'warn' | 'error' | 'fatal' | 'silent';

/** Returns `true` on its first call and `false` ever after (see `createColdStartTracker`). */
export type ColdStartTracker = () => boolean;

/** Options for `createLogger`. */
export interface LoggerOptions {
  /** The service's name, on every line as `service`. Required, non-empty. */
  service: string;
  /** On every line as `stage`. Default: `STAGE` from the environment, else `local` (as `@platform/settings`). */
  stage?: string;
  /** Starting level, usually from settings. Default `info`; an invalid value keeps `info` and logs a warning. */
  level?: LogLevel | (string & {});
  /** Where JSON lines go: anything with `write(line)`. Default: stdout, written synchronously. */
  destination?: DestinationStream;
  /** Extra keys whose values are redacted, added to `SECRET_KEYS` (matched ignoring case). */
  secretKeys?: readonly string[];
}

/**
 * The invocation an {@link InvocationLogger} is bound to. The Lambda `context` object fits:
 * only `functionName` and `awsRequestId` are read from it.
 */
export interface InvocationContext {
  /** On every line as `function`. */
  functionName: string;
  awsRequestId: string;
  /** The request's correlation id carried between services. Default: `awsRequestId`. */
  correlationId?: string;
  /** Default: the logger's own tracker, so the logger's first invocation is the cold one. */
  coldStart?: boolean;
}

/**
 * A logger bound to one invocation: a pino child whose every line carries service, stage,
 * function, awsRequestId, correlationId and coldStart. It follows the base logger's level.
 */
export type InvocationLogger = PinoLogger;

/** The container-scoped base logger: pino, plus a safe level switch and invocation children. */
export interface Logger extends PinoLogger {
  /**
   * Switches the level of this logger and of every child that has not set its own level,
   * including children created earlier. An invalid value keeps the current level, logs a
   * warning naming it (once per distinct bad value) and returns `false`; it never throws.
   */
  setLevel(level: LogLevel | (string & {})): boolean;
  /** A child bound to one Lambda invocation; create one per invocation. */
  forInvocation(invocation: InvocationContext): InvocationLogger;
  /**
   * Writes one JSON document as its own line to the logger's destination, as it is and whatever
   * the level: for lines another system reads, such as CloudWatch Embedded Metric Format
   * (`@platform/metrics`), which must be top-level JSON and must not vanish when ops raise the
   * level. Not redacted: write only what the caller built.
   */
  writeDocument(document: object): void;
}
