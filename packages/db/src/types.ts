import type { Sequelize, SyncOptions } from 'sequelize';
import type { DbSettings } from './db-settings-schema.js';

/** The logging this package needs; a pino logger fits. */
export interface DatabaseLogger {
  info(details: object, message: string): void;
  warn(details: object, message: string): void;
}

/** Options for `defineDatabase`. */
export interface DatabaseOptions<M> {
  /** Registers the service's models on a new instance and returns them (called once per instance). */
  define: (sequelize: Sequelize) => M;
  /** Create missing tables once per instance (`true`, or Sequelize's `SyncOptions`). Default `false`. */
  sync?: boolean | SyncOptions;
  /** Where SQL (when `logSql` is on) and notices go. Default: JSON lines on stdout/stderr. */
  logger?: DatabaseLogger;
  /**
   * Prefix of the Postgres `application_name`; each instance adds `:<8 hex>` so its backends can be
   * found in `pg_stat_activity`. Default `platform-db`; pass the service or function name.
   */
  applicationName?: string;
}

/** A ready instance: Sequelize, the models `define` returned, and its `application_name`. */
export interface DatabaseHandle<M> {
  sequelize: Sequelize;
  models: M;
  /** This instance's Postgres `application_name`, e.g. `auth-service:3f9a0c1d`. */
  applicationName: string;
}

/** A container-scoped database: one Sequelize instance, created on first use, reused while settings hold. */
export interface Database<M> {
  /**
   * The instance for these settings: created (and synced) on first call, shared by concurrent
   * callers, reused while the connection settings stay the same, replaced when they change.
   */
  get(db: DbSettings): Promise<DatabaseHandle<M>>;
  /** Closes the current instance and any being replaced (tests, graceful shutdown). `get()` may follow. */
  close(): Promise<void>;
}
