export { defineDatabase } from './define-database.js';
export {
  DB_POOL_DEFAULTS,
  DB_STATEMENT_TIMEOUT_MS,
  dbPoolSettingsSchema,
  dbSettingsSchema,
} from './db-settings-schema.js';
export type { DbPoolSettings, DbSettings, DbSettingsInput } from './db-settings-schema.js';
export { resolveConnection } from './resolve-connection.js';
export type { ConnectionConfig } from './resolve-connection.js';
export { CONNECTION_LOST_PATTERNS, isConnectionLost, toDatabaseError } from './connection-errors.js';
export { maskSql } from './mask-sql.js';
export { DatabaseError, DatabaseSettingsError, DatabaseSetupError, DatabaseUnavailableError } from './errors.js';
export type { Database, DatabaseHandle, DatabaseLogger, DatabaseOptions } from './types.js';
// Sequelize's model API, so services define models without depending on another copy of it.
export { DataTypes, Model, Op } from 'sequelize';
export type { ModelStatic, Sequelize, SyncOptions, Transaction } from 'sequelize';
