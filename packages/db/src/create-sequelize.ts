import pg from 'pg';
import { Sequelize, type Options } from 'sequelize';
import { boundByDeadline } from './bound-by-deadline.js';
import { CONNECTION_LOST_PATTERNS } from './connection-errors.js';
import { lambdaPool } from './lambda-pool.js';
import { mapConnectionErrors } from './map-connection-errors.js';
import { maskSql } from './mask-sql.js';
import type { ConnectionConfig } from './resolve-connection.js';
import type { DatabaseLogger } from './types.js';

/**
 * Attempts per statement when its connection turns out to be dead: with `idleMs` validation most
 * stale connections never reach a query, so one retry is usually all it takes; a second covers
 * a pool of several stale connections after a server restart.
 */
const QUERY_ATTEMPTS = 3;
const RETRY_BACKOFF_MS = 50;

/** What one instance is built from. */
export interface SequelizeSetup {
  config: ConnectionConfig;
  /** Postgres `application_name` of this instance's connections. */
  applicationName: string;
  logger: DatabaseLogger;
  /** Read on every statement, so `logSql` can change without a new instance. */
  logSql: () => boolean;
}

const dialectOptions = (config: ConnectionConfig, applicationName: string): Record<string, unknown> => ({
  application_name: applicationName,
  // Certificates are verified: on Lambda set NODE_EXTRA_CA_CERTS to the RDS CA bundle.
  ssl: config.ssl ? { rejectUnauthorized: true } : false,
  keepAlive: true,
  // Opening a connection may not take longer than waiting for one.
  connectionTimeoutMillis: config.pool.acquireMs,
  ...(config.statementTimeoutMs === 0
    ? {}
    : {
        statement_timeout: config.statementTimeoutMs,
        // A transaction left open by an invocation that stopped mid-way (its deadline passed, Lambda
        // froze or ended it) would hold its row locks until the connection dies: the server ends
        // such a session after the same time, releasing them.
        idle_in_transaction_session_timeout: config.statementTimeoutMs,
      }),
});

/**
 * A Sequelize instance for Postgres on Lambda: `pg` passed as `dialectModule` (so esbuild bundles
 * it), the Lambda pool with idle validation, statements retried on a lost connection,
 * connectivity errors mapped to `DatabaseUnavailableError`, a server-side `statement_timeout`,
 * the wait for each statement bounded by the invocation's deadline, and SQL logged only when `logSql()`
 * says so, masked, without bound values.
 *
 * @example
 * const sequelize = createSequelize({ config, applicationName: 'auth-service:1a2b3c4d', logger, logSql: () => false });
 */
export const createSequelize = (setup: SequelizeSetup): Sequelize => {
  const { config, applicationName, logger } = setup;
  const pool = lambdaPool(config.pool);
  const logging = (line: string): void => {
    if (setup.logSql()) logger.info({ applicationName, sql: maskSql(line) }, 'SQL');
  };
  const options: Options = {
    dialect: 'postgres',
    dialectModule: pg,
    host: config.host,
    port: config.port,
    database: config.database,
    username: config.user,
    password: config.password,
    dialectOptions: dialectOptions(config, applicationName),
    pool: pool.options,
    retry: { max: QUERY_ATTEMPTS, match: [...CONNECTION_LOST_PATTERNS], backoffBase: RETRY_BACKOFF_MS },
    logging,
    logQueryParameters: false,
    hooks: {
      afterConnect: (connection) => pool.touch(connection as object),
      afterQuery: (_options, query) => pool.touch(query.connection),
    },
  };
  const sequelize = new Sequelize(options);
  mapConnectionErrors(sequelize);
  boundByDeadline(sequelize);
  return sequelize;
};
