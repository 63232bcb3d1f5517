import type { Context } from 'aws-lambda';
import { createColdStartTracker, type InvocationLogger, type Logger } from '@platform/logger';
import { defineMetrics, type Metrics, type MetricsDefinition } from '@platform/metrics';
import { runWithDeadline } from '@platform/deadline';
import { baseLoggerFor } from './base-logger.js';
import { invocationDeadline, loadSettings, startInvocation } from './invocation.js';
import type { AdapterOptions, HandlerContext, PlatformSettings } from './types.js';

/** One invocation under way: its context, when it started, and its deadline. */
export interface Invocation<S> {
  context: HandlerContext<S>;
  startedAt: number;
  /** When the invocation's own work must be over (epoch ms); the rest is the reserve for answering. */
  deadlineAt: number;
  /** Milliseconds since the invocation started. */
  elapsedMs(): number;
}

/** The invocation lifecycle every adapter shares: see {@link lifecycle}. */
export interface Lifecycle<S> {
  /** The container's base logger for the service. */
  base: Logger;
  /** Starts an invocation: bound logger, correlation id (else the request id), deadline. */
  start(lambda: Context, correlationId: string | undefined): Invocation<S>;
  /**
   * Runs `work` under the invocation's deadline after loading settings into its context (and
   * applying their log level). Throws what settings or `work` throw; the adapter maps it.
   */
  run<R>(invocation: Invocation<S>, work: () => Promise<R> | R): Promise<R>;
  /**
   * Ends an invocation: writes its metrics — `Invocations`, `Status<Status>` (e.g.
   * `StatusNotFound`) when given, `Duration`, `ColdStart` on the container's first, the settings'
   * age and staleness, `counts`, and what the handler added — as one EMF line. Never throws.
   */
  finish(invocation: Invocation<S>, outcome?: { status?: string; counts?: Record<string, number> }): void;
}

/** The CloudWatch namespace of every platform metric. */
export const METRICS_NAMESPACE = 'Platform';

/**
 * A metric a handler records wrongly (a NaN, a unit changed midway) is a bug to see in the log,
 * not a reason to fail the user's request: such a value is dropped with a warning.
 */
const forgiving = (metrics: Metrics, logger: InvocationLogger): Metrics => ({
  add(name, value, unit) {
    try {
      metrics.add(name, value, unit);
    } catch (error) {
      logger.warn({ err: error, metric: name }, 'Metric value dropped');
    }
  },
  flush: (properties) => metrics.flush(properties),
  get pending() {
    return metrics.pending;
  },
});

/** Nothing recorded, nothing written: what an invocation gets if its metrics cannot be set up. */
const NO_METRICS: Metrics = { add: () => undefined, flush: () => undefined, pending: 0 };

/** A dimension value as CloudWatch takes it: printable ASCII, 1-1024 characters. */
const dimensionValue = (value: string | undefined): string =>
  (value ?? '')
    .replace(/[^\x20-\x7e]/g, '?')
    .slice(0, 1024)
    .trim() || 'unknown';

/** The invocation's metrics, written through the base logger; never throws. */
const invocationMetrics = (
  definitions: Map<string, MetricsDefinition | undefined>,
  dimensions: Record<'service' | 'function' | 'stage', string | undefined>,
  base: Logger,
  logger: InvocationLogger,
): Metrics => {
  // One definition (validated once) per function: the same module may serve several names locally.
  const key = `${dimensions.service}\u0000${dimensions.function}\u0000${dimensions.stage}`;
  if (!definitions.has(key)) {
    try {
      definitions.set(
        key,
        defineMetrics({
          namespace: METRICS_NAMESPACE,
          dimensions: Object.fromEntries(
            Object.entries(dimensions).map(([name, value]) => [name, dimensionValue(value)]),
          ),
          write: (document) => base.writeDocument(document),
        }),
      );
    } catch (error) {
      logger.warn({ err: error }, 'Metrics off for this function');
      definitions.set(key, undefined);
    }
  }
  const definition = definitions.get(key);
  return definition ? forgiving(definition.start(), logger) : NO_METRICS;
};

const statusMetric = (status: string): string => `Status${status.charAt(0).toUpperCase()}${status.slice(1)}`;

/**
 * The one invocation lifecycle behind the http, sqs, schedule, direct and authorizer adapters:
 * the base logger created once per container, a logger bound to each invocation, settings loaded
 * (from the container cache when fresh) with their log level applied, and the work run under the
 * invocation's deadline (Lambda's remaining time less `deadlineReserveMs`). What an adapter adds
 * is only how its event comes in and how its answer or error goes out.
 *
 * @example
 * const life = lifecycle(options);
 * return async (event, lambda) => {
 *   const invocation = life.start(lambda, correlationIdOf(event));
 *   try { return answer(await life.run(invocation, () => fn(input, invocation.context))); }
 *   catch (error) { return failure(error, invocation); }
 * };
 */
export const lifecycle = <S extends PlatformSettings>(options: AdapterOptions<S>): Lifecycle<S> => {
  const base = baseLoggerFor(options.settings, options.logger);
  const isColdStart = createColdStartTracker();
  const definitions = new Map<string, MetricsDefinition | undefined>();
  const cold = new WeakSet<Invocation<S>>();
  return {
    base,
    start: (lambda, correlationId) => {
      const startedAt = Date.now();
      const context = startInvocation<S>(base, lambda, correlationId);
      context.metrics = invocationMetrics(
        definitions,
        { service: options.settings.service, function: lambda.functionName, stage: options.settings.stage },
        base,
        context.logger,
      );
      const invocation: Invocation<S> = {
        context,
        startedAt,
        deadlineAt: invocationDeadline(lambda, options.deadlineReserveMs),
        elapsedMs: () => Date.now() - startedAt,
      };
      if (isColdStart()) cold.add(invocation);
      return invocation;
    },
    finish: (invocation, outcome = {}) => {
      const { metrics, logger } = invocation.context;
      try {
        metrics.add('Invocations', 1, 'Count');
        if (outcome.status) metrics.add(statusMetric(outcome.status), 1, 'Count');
        metrics.add('Duration', invocation.elapsedMs(), 'Milliseconds');
        if (cold.has(invocation)) metrics.add('ColdStart', 1, 'Count');
        const settings = options.settings.status();
        if (settings.loaded && settings.ageMs !== undefined) {
          metrics.add('SettingsAge', settings.ageMs / 1000, 'Seconds');
          metrics.add('SettingsStale', settings.stale ? 1 : 0, 'Count');
        }
        for (const [name, value] of Object.entries(outcome.counts ?? {})) metrics.add(name, value, 'Count');
        metrics.flush();
      } catch (error) {
        // A handler's bad metric name must not fail its invocation: said once, the rest dropped.
        logger.warn({ err: error }, 'Metrics not written');
      }
    },
    run: (invocation, work) =>
      runWithDeadline(invocation.deadlineAt, async () => {
        await loadSettings(base, options.settings, invocation.context);
        return work();
      }),
  };
};
