import { ConnectionError } from 'sequelize';
import { DatabaseError, DatabaseUnavailableError } from './errors.js';

/**
 * Messages of a statement that failed because its connection was already dead: the server
 * restarted, an idle timeout or `pg_terminate_backend` closed it, typically while the Lambda
 * container was frozen, so the socket's close is only noticed when the next query is written.
 * Such a statement never ran; Sequelize's `retry` repeats it on a fresh connection.
 */
export const CONNECTION_LOST_PATTERNS: readonly RegExp[] = [
  /Connection terminated/i, // pg: the socket closed under the client
  /terminating connection/i, // 57P01 admin shutdown or pg_terminate_backend, 57P02 crash of another backend
  /\b(?:ECONNRESET|EPIPE)\b/,
  /is not queryable/i, // pg: a client that already saw its connection fail
  /SSL SYSCALL error: EOF detected/i,
];

/**
 * Whether `error` says the connection was lost (see {@link CONNECTION_LOST_PATTERNS}). This
 * package's own errors never count, so an unavailable server is not retried twice over.
 *
 * @example
 * isConnectionLost(new Error('Connection terminated unexpectedly')); // true
 */
export const isConnectionLost = (error: unknown): boolean =>
  error instanceof Error &&
  !(error instanceof DatabaseError) &&
  CONNECTION_LOST_PATTERNS.some((pattern) => pattern.test(error.message));

/**
 * Turns Sequelize's `ConnectionError` family (refused, timed out, host not found, login
 * rejected, no connection within `acquireMs`) and lost-connection query errors into a
 * {@link DatabaseUnavailableError} with the original as `cause`; anything else is returned as is.
 * The message is generic on purpose: details stay in `cause`, for the log.
 *
 * @example
 * try { await User.findAll(); } catch (error) { throw toDatabaseError(error); }
 */
export const toDatabaseError = (error: unknown): unknown => {
  if (error instanceof DatabaseError) return error;
  if (error instanceof ConnectionError) {
    return new DatabaseUnavailableError('The database cannot be reached', { cause: error });
  }
  if (isConnectionLost(error)) {
    return new DatabaseUnavailableError('The connection to the database was lost', { cause: error });
  }
  return error;
};
