import type { Sequelize } from 'sequelize';
import { toDatabaseError } from './connection-errors.js';

type AnyAsync = (...args: unknown[]) => Promise<unknown>;

/**
 * Makes connectivity failures surface as `DatabaseUnavailableError` wherever they happen:
 * acquiring a connection (queries, `sequelize.transaction()`, `sync`) and statements whose
 * connection was lost after the retries. Every model method goes through `sequelize.query`, so
 * callers never see Sequelize's `ConnectionError` family; all other errors pass unchanged.
 *
 * @example
 * const sequelize = new Sequelize({ dialect: 'postgres', dialectModule: pg });
 * mapConnectionErrors(sequelize);
 */
export const mapConnectionErrors = (sequelize: Sequelize): void => {
  const manager = sequelize.connectionManager;
  const getConnection = manager.getConnection.bind(manager);
  manager.getConnection = async function getConnectionMapped(options) {
    try {
      return await getConnection(options);
    } catch (error) {
      throw toDatabaseError(error);
    }
  };
  const query = sequelize.query.bind(sequelize) as AnyAsync;
  const queryMapped: AnyAsync = async function queryMapped(...args) {
    try {
      return await query(...args);
    } catch (error) {
      throw toDatabaseError(error);
    }
  };
  Object.assign(sequelize, { query: queryMapped });
};
