import { StatusError, type Status } from '@platform/response';

/**
 * Base class of the errors this package throws. They are `StatusError`s, so `@platform/lambda`
 * maps them by `instanceof` with no dependency on this package: `DatabaseUnavailableError` →
 * `unavailable` (503), the others → `error` (500); their messages never reach the client.
 *
 * @example
 * try {
 *   await database.get(settings.db);
 * } catch (error) {
 *   if (error instanceof DatabaseError) logger.error({ err: error.name }, error.message);
 *   throw error;
 * }
 */
export class DatabaseError extends StatusError {
  constructor(message: string, options?: ErrorOptions, status: Status = 'error') {
    super(status, message, { ...options, expose: false });
    this.name = 'DatabaseError';
  }
}

/**
 * The database cannot be reached: refused, timed out, unknown host, rejected login, or the
 * connection was lost and retrying did not help. `cause` is Sequelize's error (its
 * `ConnectionError` family, or the query error that reported the lost connection). The http
 * adapter answers `unavailable` (503); an SQS consumer fails the record so it is retried.
 *
 * @example
 * if (error instanceof DatabaseUnavailableError) return unavailable(null, 'Try again shortly');
 */
export class DatabaseUnavailableError extends DatabaseError {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options, 'unavailable');
    this.name = 'DatabaseUnavailableError';
  }
}

/**
 * The `db` settings cannot describe a connection (no `url` and no `host`, a malformed `url`, no
 * database or user). The message names the problem, never a value.
 *
 * @example
 * await database.get({ ...settings.db, url: undefined, host: undefined }); // throws DatabaseSettingsError
 */
export class DatabaseSettingsError extends DatabaseError {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'DatabaseSettingsError';
  }
}

/**
 * The models could not be defined, or `sync` failed for a reason other than connectivity
 * (invalid model, permission denied). The instance is discarded; the next `get()` tries again.
 *
 * @example
 * if (error instanceof DatabaseSetupError) logger.error({ cause: error.cause }, 'Schema sync failed');
 */
export class DatabaseSetupError extends DatabaseError {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'DatabaseSetupError';
  }
}
