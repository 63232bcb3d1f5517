import { createHash } from 'node:crypto';
import type { ConnectionConfig } from './resolve-connection.js';

/** The settings whose change needs a new Sequelize instance, in a fixed order. */
const FIELDS = {
  host: (config: ConnectionConfig) => config.host,
  port: (config: ConnectionConfig) => config.port,
  database: (config: ConnectionConfig) => config.database,
  user: (config: ConnectionConfig) => config.user,
  password: (config: ConnectionConfig) => config.password ?? null,
  ssl: (config: ConnectionConfig) => config.ssl,
  'pool.max': (config: ConnectionConfig) => config.pool.max,
  'pool.min': (config: ConnectionConfig) => config.pool.min,
  'pool.idleMs': (config: ConnectionConfig) => config.pool.idleMs,
  'pool.acquireMs': (config: ConnectionConfig) => config.pool.acquireMs,
  'pool.evictMs': (config: ConnectionConfig) => config.pool.evictMs,
  statementTimeoutMs: (config: ConnectionConfig) => config.statementTimeoutMs,
} as const;

type Field = keyof typeof FIELDS;
const FIELD_NAMES = Object.keys(FIELDS) as Field[];

/**
 * A SHA-256 digest of the connection settings: equal digests mean the current instance can be
 * reused. It is safe to log (the password cannot be read back from it), but there is no need to.
 *
 * @example
 * connectionFingerprint(a) === connectionFingerprint(b); // same host, port, database, user, password, ssl, pool, timeout
 */
export const connectionFingerprint = (config: ConnectionConfig): string =>
  createHash('sha256')
    .update(JSON.stringify(FIELD_NAMES.map((name) => FIELDS[name](config))))
    .digest('hex');

/**
 * The names (never the values) of the connection settings that differ, for the log line that
 * explains why an instance was replaced: `['password', 'pool.max']`.
 *
 * @example
 * changedConnectionSettings(before, after); // ['pool.max']
 */
export const changedConnectionSettings = (before: ConnectionConfig, after: ConnectionConfig): Field[] =>
  FIELD_NAMES.filter((name) => FIELDS[name](before) !== FIELDS[name](after));
