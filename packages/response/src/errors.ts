import { DEFAULT_MESSAGES, type Status } from './statuses.js';

/** Options of a {@link StatusError}. */
export interface StatusErrorOptions extends ErrorOptions {
  /** Details for the caller (e.g. which fields are invalid); sent only when the error is exposed. */
  data?: unknown;
  /** Whether `message` and `data` may reach the client. Default: true below 500, false from 500. */
  expose?: boolean;
  /** Extra HTTP headers, e.g. `{ 'retry-after': '60' }`. */
  headers?: Record<string, string>;
}

const HTTP_5XX: ReadonlySet<Status> = new Set<Status>(['error', 'notImplemented', 'unavailable']);

/**
 * An error that knows which standard status it becomes. Domain code throws it (or a subclass);
 * `@platform/lambda` turns it into that response by `instanceof`. Client errors (4xx) show their
 * message; server errors (5xx) show the status's generic message unless `expose` is set, and
 * their details go only to the log.
 *
 * @example
 * class CompanyNotFound extends NotFoundError {}
 * throw new CompanyNotFound(`No company ${id}`);
 */
export class StatusError extends Error {
  readonly status: Status;
  readonly data: unknown;
  readonly expose: boolean;
  readonly headers: Record<string, string>;

  constructor(status: Status, message?: string, options: StatusErrorOptions = {}) {
    super(message ?? DEFAULT_MESSAGES[status], options);
    this.name = 'StatusError';
    this.status = status;
    this.data = options.data;
    this.expose = options.expose ?? !HTTP_5XX.has(status);
    this.headers = options.headers ?? {};
  }
}

/** Invalid input → `badRequest` (400). */
export class BadRequestError extends StatusError {
  constructor(message?: string, options?: StatusErrorOptions) {
    super('badRequest', message, options);
    this.name = 'BadRequestError';
  }
}

/** Missing or invalid credentials → `notAuthenticated` (401). */
export class NotAuthenticatedError extends StatusError {
  constructor(message?: string, options?: StatusErrorOptions) {
    super('notAuthenticated', message, options);
    this.name = 'NotAuthenticatedError';
  }
}

/** Authenticated but not allowed → `unauthorized` (403). */
export class UnauthorizedError extends StatusError {
  constructor(message?: string, options?: StatusErrorOptions) {
    super('unauthorized', message, options);
    this.name = 'UnauthorizedError';
  }
}

/** No such thing → `notFound` (404). */
export class NotFoundError extends StatusError {
  constructor(message?: string, options?: StatusErrorOptions) {
    super('notFound', message, options);
    this.name = 'NotFoundError';
  }
}

/** Clashes with the current state → `conflict` (409). */
export class ConflictError extends StatusError {
  constructor(message?: string, options?: StatusErrorOptions) {
    super('conflict', message, options);
    this.name = 'ConflictError';
  }
}

/** Slow down → `tooManyRequests` (429) with `Retry-After` when `retryAfterSeconds` is given. */
export class TooManyRequestsError extends StatusError {
  readonly retryAfterSeconds: number | undefined;

  constructor(message?: string, options: StatusErrorOptions & { retryAfterSeconds?: number } = {}) {
    const { retryAfterSeconds, ...rest } = options;
    const headers =
      retryAfterSeconds === undefined ? rest.headers : { ...rest.headers, 'retry-after': String(retryAfterSeconds) };
    super('tooManyRequests', message, { ...rest, ...(headers ? { headers } : {}) });
    this.name = 'TooManyRequestsError';
    this.retryAfterSeconds = retryAfterSeconds;
  }
}

/** A dependency is down → `unavailable` (503); retrying later may work. */
export class UnavailableError extends StatusError {
  constructor(message?: string, options?: StatusErrorOptions) {
    super('unavailable', message, options);
    this.name = 'UnavailableError';
  }
}
