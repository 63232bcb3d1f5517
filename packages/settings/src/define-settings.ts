import type * as z from 'zod/mini';
import { ssmClient } from '@platform/aws';
import { createRefreshingValue } from '@platform/cache';
import { outsideDeadline, withinDeadline } from '@platform/deadline';
import { SettingsUnavailableError, SettingsValidationError } from './errors.js';
import { buildParameterTree } from './parameter-tree.js';
import { validateSettings } from './validate-settings.js';
import { loadParameters } from './load-parameters.js';
import { consoleLogger } from './console-logger.js';
import { serviceSettingsPath, sharedSettingsPath } from './settings-paths.js';
import type { Settings, SettingsOptions, SettingsStatus } from './types.js';

const DEFAULTS = {
  ttlMs: 300_000,
  loadTimeoutMs: 5_000,
  failureBackoff: { initialMs: 5_000, maxMs: 60_000 },
  throttleRetry: { maxAttempts: 4, baseDelayMs: 100, maxDelayMs: 2_000 },
} as const;
/** A cold container retries sooner and more often: it has nothing to serve meanwhile. */
const COLD_BACKOFF = { initialMs: 1_000, maxMs: 5_000 } as const;

const describeError = (error: unknown) =>
  error instanceof Error ? { name: error.name, message: error.message } : { name: 'Error', message: String(error) };

/**
 * Defines a service's settings, read from SSM Parameter Store: `/{prefix}/{stage}/shared/...` then
 * `/{prefix}/{stage}/{service}/...` (the service's value wins), nested by path segment
 * (`db/poolMax` → `db.poolMax`), validated and typed by `schema`.
 *
 * Built on `createRefreshingValue` from `@platform/cache`. Once loaded, `get()` always answers from
 * memory at once: past `ttlMs` (5 minutes) it starts one background refresh and serves the last
 * good values meanwhile, so no warm request waits on Parameter Store. A refresh that fails (down,
 * hung past `loadTimeoutMs`, or a value invalid) keeps the last good values, logs once per back-off
 * window with their age, and is tried again after the back-off. A cold container waits for the
 * (shared) first load at most `loadTimeoutMs` and otherwise throws {@link SettingsUnavailableError}.
 * A stage, prefix or service that cannot be part of a parameter name throws
 * `SettingsPathError` here, at definition, rather than a failed load on every request.
 *
 * @example
 * const settings = defineSettings({
 *   service: 'risk-service',
 *   schema: z.object({ staleAfterSeconds: z._default(z.coerce.number().check(z.int(), z.positive()), 3600) }),
 * });
 * const { staleAfterSeconds } = await settings.get();
 */
export const defineSettings = <S extends z.core.$ZodType>(options: SettingsOptions<S>): Settings<z.output<S>> => {
  type T = z.output<S>;
  const backoff = { ...DEFAULTS.failureBackoff, ...options.failureBackoff };
  const throttleRetry = { ...DEFAULTS.throttleRetry, ...options.throttleRetry };
  const stage = options.stage ?? process.env.STAGE ?? 'local';
  const location = { stage, prefix: options.prefix ?? process.env.SETTINGS_PREFIX };
  const logger = options.logger ?? consoleLogger;
  const paths = [sharedSettingsPath(location), serviceSettingsPath(options.service, location)] as const;
  const listeners = new Set<(settings: T) => void>();

  const value = createRefreshingValue<T>({
    // One load serves every invocation of the container: its deadline is `loadTimeoutMs`, never
    // the deadline of the invocation that happened to start it.
    load: (signal) =>
      outsideDeadline(async () => {
        const client = options.client ?? ssmClient();
        const layers = await loadParameters(client, paths, throttleRetry, signal);
        const tree = buildParameterTree(layers, options.overrides);
        return validateSettings(options.schema, tree, paths[1]);
      }),
    ttlMs: options.ttlMs ?? DEFAULTS.ttlMs,
    loadTimeoutMs: options.loadTimeoutMs ?? DEFAULTS.loadTimeoutMs,
    failureBackoff: backoff,
    coldBackoff: {
      initialMs: Math.min(COLD_BACKOFF.initialMs, backoff.initialMs),
      maxMs: Math.min(COLD_BACKOFF.maxMs, backoff.maxMs),
    },
    ...(options.clock ? { clock: options.clock } : {}),
    onLoad: (settings) => {
      for (const listener of listeners) {
        try {
          listener(settings);
        } catch (error) {
          logger.error({ service: options.service, error: describeError(error) }, 'A settings listener failed');
        }
      }
    },
    onFailure: ({ error, retryInMs, servingStale, staleAgeMs }) => {
      const context = {
        service: options.service,
        stage,
        retryInMs,
        servingLastGood: servingStale,
        ...(staleAgeMs === undefined ? {} : { lastGoodAgeMs: staleAgeMs }),
      };
      if (error instanceof SettingsValidationError) {
        logger.error({ ...context, issues: error.issues }, 'Invalid settings in Parameter Store');
      } else {
        logger.warn({ ...context, error: describeError(error) }, 'Could not load settings from Parameter Store');
      }
    },
  });

  return {
    service: options.service,
    stage,
    paths,
    get: async () => {
      try {
        // Warm: answered from memory (a due refresh runs in the background), nothing to bound.
        if (value.peek() !== undefined) return await value.get();
        // A cold caller waits for the load until its own invocation's deadline at most.
        return await withinDeadline(value.get(), 'Parameter Store');
      } catch (error) {
        throw new SettingsUnavailableError(`Settings for ${options.service} (${stage}) could not be loaded`, {
          cause: error,
        });
      }
    },
    onRefresh: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    status: (): SettingsStatus => {
      const { loaded, loadedAt, ageMs, stale, loading, failures, nextLoadAt, lastError } = value.status();
      return { loaded, loadedAt, ageMs, stale, loading, failures, nextLoadAt, lastError };
    },
    reset: () => value.reset(),
  };
};
