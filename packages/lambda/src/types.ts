import type { Logger, InvocationLogger } from '@platform/logger';
import type { Metrics } from '@platform/metrics';
import type { StatusError } from '@platform/response';
import type { Settings } from '@platform/settings';

/**
 * Maps a service's domain errors to the status errors its answers carry: the one place a
 * service says which domain failure is which status. `undefined` leaves the error to the
 * adapter's defaults (status errors as they are, anything else a hidden 500).
 *
 * @example
 * const errors: ErrorMapper = (error) =>
 *   error instanceof CompanyNotFound ? new NotFoundError(error.message) : undefined;
 */
export type ErrorMapper = (error: unknown) => StatusError | undefined;

/** What every handler function receives besides its input. */
export interface HandlerContext<S> {
  /** The service's settings, loaded (or served from the container cache) for this invocation. */
  settings: S;
  /** A logger bound to this invocation (service, stage, function, awsRequestId, correlationId, coldStart). */
  logger: InvocationLogger;
  /** Carried across services: from the caller's header or message attribute, else this request's id. */
  correlationId: string;
  awsRequestId: string;
  functionName: string;
  /** Milliseconds left before Lambda stops this invocation. */
  remainingTimeMs(): number;
  /**
   * Business metrics of this invocation (`ctx.metrics.add('RiskAnswered', 1, 'Count')`), written
   * with the adapter's own (invocations, status, duration, cold start, settings age) as one
   * CloudWatch EMF line when the invocation ends; dimensions service, function and stage.
   */
  metrics: Metrics;
}

/** Options every adapter takes. */
/**
 * What the adapters read from a service's settings themselves: `logLevel`, a pino level name
 * applied on every invocation so ops can change it without a redeploy (an unknown name is logged
 * once and the level kept). Every settings schema may declare it; none has to.
 */
export interface PlatformSettings {
  logLevel?: string;
  /** The service's own settings, whatever their shape. */
  [key: string]: unknown;
}

export interface AdapterOptions<S extends PlatformSettings> {
  /** From `defineSettings` at module scope. */
  settings: Settings<S>;
  /** The container's base logger; by default one is created for the settings' service. */
  logger?: Logger;
  /**
   * Milliseconds kept back from Lambda's remaining time: every outbound call made by the
   * invocation (AWS SDK, Postgres, legacy HTTP, settings and JWKS waits) ends that long before
   * Lambda's timeout, so the adapter can still answer. Default: a fifth of the time left, at most 1 s.
   */
  deadlineReserveMs?: number;
  /** Domain errors to statuses (see {@link ErrorMapper}); applied before the defaults. */
  errors?: ErrorMapper;
}
