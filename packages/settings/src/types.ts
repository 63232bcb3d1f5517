import type { SSMClient } from '@aws-sdk/client-ssm';
import type * as z from 'zod/mini';
import type { RefreshingValueStatus } from '@platform/cache';

/** The logging this package needs; a pino logger fits. */
export interface SettingsLogger {
  warn(details: object, message: string): void;
  error(details: object, message: string): void;
}

/** Options for `defineSettings`. */
export interface SettingsOptions<S extends z.core.$ZodType> {
  /** The service's name: its parameters live under `/{prefix}/{stage}/{service}/`. */
  service: string;
  /**
   * Types, defaults and validation: any Zod 4 schema, zod/mini (smaller bundles, faster cold starts)
   * or classic. Values arrive as strings: use `z.coerce.number()`, `z.stringbool()`.
   */
  schema: S;
  /** How long loaded settings are fresh; then one background refresh starts. Default 300 000 (5 min). */
  ttlMs?: number;
  /**
   * A load (both paths, every page, throttling retries) still running after this many ms fails and
   * is aborted: a cold container then throws, a warm one keeps its values. Default 5 000.
   */
  loadTimeoutMs?: number;
  /** Default: `STAGE` from the environment, else `local`. */
  stage?: string;
  /** Default: `SETTINGS_PREFIX` from the environment, else `platform`. */
  prefix?: string;
  /** Default: the container's SSM client from `@platform/aws`. */
  client?: SSMClient;
  /** Time source, for tests. Default `Date.now`. */
  clock?: () => number;
  /** Where warnings and errors go. Default: JSON lines on stderr. */
  logger?: SettingsLogger;
  /** Values laid over what Parameter Store returns (nested object), e.g. in tests. */
  overrides?: Record<string, unknown>;
  /** Back-off after a failed load: first wait and cap, in ms. Default 5 000 → 60 000. */
  failureBackoff?: { initialMs?: number; maxMs?: number };
  /** Retries of one load on Parameter Store throttling. Default 4 attempts, 100 ms base, 2 s cap. */
  throttleRetry?: { maxAttempts?: number; baseDelayMs?: number; maxDelayMs?: number };
}

/** Where a container's settings stand (the fields of the refreshing value they are kept in). */
export type SettingsStatus = Pick<
  RefreshingValueStatus,
  'loaded' | 'loadedAt' | 'ageMs' | 'stale' | 'loading' | 'failures' | 'nextLoadAt' | 'lastError'
>;

/** A service's settings: typed, cached per container, refreshed after the TTL. */
export interface Settings<T> {
  /** The settings: from memory once loaded (a refresh after the TTL runs in the background). */
  get(): Promise<T>;
  /** Calls `listener` with the new values after every successful load (e.g. to apply a log level). */
  onRefresh(listener: (settings: T) => void): () => void;
  status(): SettingsStatus;
  /** The service these settings belong to. */
  readonly service: string;
  /** The stage read (`dev`, `prod`, `local`, ...). */
  readonly stage: string;
  /** The Parameter Store paths read, shared first: `[/platform/dev/shared, /platform/dev/risk-service]`. */
  readonly paths: readonly [string, string];
  /** Forgets loaded values and back-off (tests only). */
  reset(): void;
}
