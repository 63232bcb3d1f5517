import type { z } from 'zod';
import { ssmClient } from '@platform/aws';
import { SettingsUnavailableError, SettingsValidationError } from './errors.js';
import { buildParameterTree } from './parameter-tree.js';
import { validateSettings } from './validate-settings.js';
import { loadParameters } from './load-parameters.js';
import { consoleLogger } from './console-logger.js';
import type { Settings, SettingsOptions, SettingsStatus } from './types.js';

const DEFAULTS = {
  ttlMs: 300_000,
  failureBackoff: { initialMs: 5_000, maxMs: 60_000 },
  throttleRetry: { maxAttempts: 4, baseDelayMs: 100, maxDelayMs: 2_000 },
} as const;
/** A cold container retries sooner: it has nothing to serve meanwhile. */
const COLD_BACKOFF_MS = 1_000;

const describeError = (error: unknown) =>
  error instanceof Error ? { name: error.name, message: error.message } : { name: 'Error', message: String(error) };

/**
 * Defines a service's settings, read from SSM Parameter Store: `/{prefix}/{stage}/shared/...` then
 * `/{prefix}/{stage}/{service}/...` (the service's value wins), nested by path segment
 * (`db/poolMax` → `db.poolMax`), validated and typed by `schema`.
 *
 * `get()` serves the values for `ttlMs` (5 minutes) per container; concurrent callers share one
 * load. When a refresh fails (Parameter Store down, or a value invalid) a warm container keeps the
 * last good values, logs once, and tries again after a back-off; a cold one throws
 * {@link SettingsUnavailableError}.
 *
 * @example
 * const settings = defineSettings({
 *   service: 'risk-service',
 *   schema: z.object({ staleAfterSeconds: z.coerce.number().int().positive().default(3600) }),
 * });
 * const { staleAfterSeconds } = await settings.get();
 */
export const defineSettings = <S extends z.ZodType>(options: SettingsOptions<S>): Settings<z.output<S>> => {
  type T = z.output<S>;
  const ttlMs = options.ttlMs ?? DEFAULTS.ttlMs;
  const backoff = { ...DEFAULTS.failureBackoff, ...options.failureBackoff };
  const throttleRetry = { ...DEFAULTS.throttleRetry, ...options.throttleRetry };
  const stage = options.stage ?? process.env.STAGE ?? 'local';
  const prefix = (options.prefix ?? process.env.SETTINGS_PREFIX ?? 'platform').replace(/^\/+|\/+$/g, '');
  const clock = options.clock ?? Date.now;
  const logger = options.logger ?? consoleLogger;
  const paths = [`/${prefix}/${stage}/shared`, `/${prefix}/${stage}/${options.service}`] as const;
  const listeners = new Set<(settings: T) => void>();

  let current: { value: T; loadedAt: number } | undefined;
  let nextLoadAt = 0;
  let failures = 0;
  let lastError: Error | undefined;
  let inflight: Promise<T> | undefined;

  const succeed = (value: T): T => {
    const now = clock();
    current = { value, loadedAt: now };
    nextLoadAt = now + ttlMs;
    failures = 0;
    lastError = undefined;
    for (const listener of listeners) {
      try {
        listener(value);
      } catch (error) {
        logger.error({ service: options.service, error: describeError(error) }, 'A settings listener failed');
      }
    }
    return value;
  };

  const fail = (error: unknown): T => {
    failures += 1;
    lastError = error instanceof Error ? error : new Error(String(error));
    const initial = current ? backoff.initialMs : Math.min(COLD_BACKOFF_MS, backoff.initialMs);
    const retryInMs = Math.min(backoff.maxMs, initial * 2 ** (failures - 1));
    nextLoadAt = clock() + retryInMs;
    const context = { service: options.service, stage, retryInMs, servingLastGood: current !== undefined };
    if (error instanceof SettingsValidationError) {
      logger.error({ ...context, issues: error.issues }, 'Invalid settings in Parameter Store');
    } else {
      logger.warn({ ...context, error: describeError(error) }, 'Could not load settings from Parameter Store');
    }
    if (current) return current.value;
    throw new SettingsUnavailableError(`Settings for ${options.service} (${stage}) could not be loaded`, {
      cause: lastError,
    });
  };

  const load = async (): Promise<T> => {
    try {
      const client = options.client ?? ssmClient();
      const layers = await loadParameters(client, paths, throttleRetry);
      const tree = buildParameterTree(layers, options.overrides);
      return succeed(validateSettings(options.schema, tree, paths[1]));
    } catch (error) {
      return fail(error);
    }
  };

  return {
    service: options.service,
    stage,
    paths,
    get: async () => {
      if (clock() < nextLoadAt) {
        if (current) return current.value;
        throw new SettingsUnavailableError(
          `Settings for ${options.service} (${stage}) are unavailable; retrying after a back-off`,
          { cause: lastError },
        );
      }
      inflight ??= load().finally(() => {
        inflight = undefined;
      });
      return inflight;
    },
    onRefresh: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    status: (): SettingsStatus => ({
      loaded: current !== undefined,
      loadedAt: current?.loadedAt,
      failures,
      nextLoadAt,
      lastError,
    }),
    reset: () => {
      current = undefined;
      nextLoadAt = 0;
      failures = 0;
      lastError = undefined;
    },
  };
};
