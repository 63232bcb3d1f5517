import type { PoolOptions } from 'sequelize';
import type { DbPoolSettings } from './db-settings-schema.js';

/** The pg client's own state flags (Sequelize's default validation reads the first two). */
interface PgClientState {
  _invalid?: boolean;
  _ending?: boolean;
  _ended?: boolean;
  _queryable?: boolean;
}

/** Pool options for Sequelize, and the hook that records when a connection was last used. */
export interface LambdaPool {
  options: PoolOptions;
  /** Call when a connection opens or finishes a query. */
  touch(connection: object): void;
}

/**
 * Builds the pool the way Sequelize's "AWS Lambda" guide recommends (small `max`, `min` 0, short
 * `acquire`, idle connections evicted) and adds the check that guide leaves to you: a frozen
 * container runs no timers, so after a thaw the reaper has not closed connections idle for longer
 * than `idleMs`, and the server may have closed them meanwhile. `validate` runs whenever an idle
 * connection is about to be reused; it refuses one that is broken or idle past `idleMs`, and the
 * pool opens a fresh one instead of handing a dead socket to the next query.
 *
 * @example
 * const pool = lambdaPool({ max: 1, min: 0, idleMs: 10_000, acquireMs: 3_000, evictMs: 1_000 });
 * new Sequelize({ dialect: 'postgres', pool: pool.options, hooks: { afterConnect: (c) => pool.touch(c as object) } });
 */
export const lambdaPool = (settings: DbPoolSettings, clock: () => number = Date.now): LambdaPool => {
  const lastUsed = new WeakMap<object, number>();
  const validate = (connection?: unknown): boolean => {
    if (typeof connection !== 'object' || connection === null) return false;
    const state = connection as PgClientState;
    if (state._invalid || state._ending || state._ended || state._queryable === false) return false;
    const usedAt = lastUsed.get(connection);
    return usedAt === undefined || clock() - usedAt <= settings.idleMs;
  };
  return {
    options: {
      max: settings.max,
      min: settings.min,
      idle: settings.idleMs,
      acquire: settings.acquireMs,
      evict: settings.evictMs,
      validate,
    },
    touch: (connection) => {
      lastUsed.set(connection, clock());
    },
  };
};
