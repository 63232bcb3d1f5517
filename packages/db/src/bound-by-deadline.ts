import type { Sequelize } from 'sequelize';
import { withinDeadline } from '@platform/deadline';

type AnyAsync = (...args: unknown[]) => Promise<unknown>;

/**
 * Bounds the wait for each statement by the invocation's deadline (`@platform/deadline`): past
 * it, the caller gets `DeadlineExceededError` (503) while the statement runs on until it ends or
 * the server's `statement_timeout` cancels it, and only then is its connection released.
 *
 * Statements of a transaction are not cut: giving up on `BEGIN` or a statement half-way would
 * hand the pool a connection in an open transaction. `statementTimeoutMs` bounds them instead.
 *
 * @example
 * boundByDeadline(sequelize); // after mapConnectionErrors, so the mapped errors pass through
 */
export const boundByDeadline = (sequelize: Sequelize): void => {
  const query = sequelize.query.bind(sequelize) as AnyAsync;
  const queryBounded: AnyAsync = function queryBounded(...args) {
    const options = args[1] as { transaction?: unknown } | undefined;
    const running = query(...args);
    return options?.transaction ? running : withinDeadline(running, 'Postgres');
  };
  Object.assign(sequelize, { query: queryBounded });
};
