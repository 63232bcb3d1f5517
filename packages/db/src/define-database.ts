import { randomBytes } from 'node:crypto';
import type { Sequelize } from 'sequelize';
import { changedConnectionSettings, connectionFingerprint } from './connection-fingerprint.js';
import { consoleLogger } from './console-logger.js';
import { createSequelize } from './create-sequelize.js';
import { DatabaseError, DatabaseSetupError } from './errors.js';
import { resolveConnection, type ConnectionConfig } from './resolve-connection.js';
import type { Database, DatabaseHandle, DatabaseOptions } from './types.js';

const DEFAULTS = { sync: false, applicationName: 'platform-db', logger: consoleLogger } as const;
/** Postgres keeps 63 bytes of `application_name`; the prefix leaves room for `:<8 hex>`. */
const PREFIX_MAX = 54;

/** One Sequelize instance and the settings it was built from. */
interface Instance<M> {
  fingerprint: string;
  config: ConnectionConfig;
  applicationName: string;
  sequelize: Sequelize;
  state: { logSql: boolean };
  ready: Promise<DatabaseHandle<M>>;
}

const describeError = (error: unknown) =>
  error instanceof Error ? { name: error.name, message: error.message } : { name: 'Error', message: String(error) };

/**
 * Defines a service's database: one Sequelize instance per container, created on the first
 * `get()`, reused across invocations, recreated (the old one closed once its work is done) when
 * the connection settings change. `define` registers the models; `sync` creates missing tables,
 * once per instance, however many callers race for it. The pool follows Sequelize's Lambda
 * guidance and never hands out a connection that went stale while the container was frozen;
 * connectivity failures surface as `DatabaseUnavailableError`.
 *
 * @example
 * const database = defineDatabase({
 *   define: (sequelize) => ({ User: sequelize.define('User', { email: DataTypes.STRING }) }),
 *   sync: true,
 *   applicationName: 'auth-service',
 * });
 * const { models } = await database.get((await settings.get()).db);
 * await models.User.findOne({ where: { email } });
 */
export const defineDatabase = <M>(options: DatabaseOptions<M>): Database<M> => {
  const { define, sync, applicationName, logger } = { ...DEFAULTS, ...options };
  const prefix = applicationName.slice(0, PREFIX_MAX);
  const closing = new Set<Promise<void>>();
  let current: Instance<M> | undefined;

  const retire = (instance: Instance<M>): void => {
    const closed: Promise<void> = instance.ready
      .catch(() => undefined) // a failed setup still holds a pool to close
      .then(() => instance.sequelize.close())
      .catch((error: unknown) => {
        logger.warn(
          { applicationName: instance.applicationName, error: describeError(error) },
          'Closing a database instance failed',
        );
      })
      .finally(() => closing.delete(closed));
    closing.add(closed);
  };

  const setUp = async (sequelize: Sequelize, name: string): Promise<DatabaseHandle<M>> => {
    let models: M;
    try {
      models = define(sequelize);
    } catch (error) {
      throw new DatabaseSetupError('The models could not be defined', { cause: error });
    }
    if (sync !== false) {
      try {
        await sequelize.sync(sync === true ? {} : sync);
      } catch (error) {
        throw error instanceof DatabaseError
          ? error
          : new DatabaseSetupError('Syncing the schema failed', { cause: error });
      }
    }
    return { sequelize, models, applicationName: name };
  };

  const create = (config: ConnectionConfig, fingerprint: string, logSql: boolean): Instance<M> => {
    const name = `${prefix}:${randomBytes(4).toString('hex')}`;
    const state = { logSql };
    const sequelize = createSequelize({ config, applicationName: name, logger, logSql: () => state.logSql });
    const instance: Instance<M> = {
      fingerprint,
      config,
      applicationName: name,
      sequelize,
      state,
      ready: setUp(sequelize, name),
    };
    // A failed setup is not cached: the next get() builds a new instance.
    instance.ready.catch(() => {
      if (current !== instance) return;
      current = undefined;
      retire(instance);
    });
    return instance;
  };

  return {
    get: async function getDatabase(db) {
      const config = resolveConnection(db);
      const fingerprint = connectionFingerprint(config);
      if (current?.fingerprint !== fingerprint) {
        const previous = current;
        current = create(config, fingerprint, db.logSql);
        if (previous) {
          const changed = changedConnectionSettings(previous.config, config);
          logger.info(
            { applicationName: previous.applicationName, changed },
            'Database settings changed: replacing the instance',
          );
          retire(previous);
        }
      }
      current.state.logSql = db.logSql;
      return current.ready;
    },
    close: async function closeDatabase() {
      if (current) retire(current);
      current = undefined;
      await Promise.all(closing);
    },
  };
};
