/**
 * Every status a Lambda can answer with, and the HTTP status code a REST handler sends for it.
 * The first seven are the core set; the rest exist because HTTP clients need them.
 */
export const HTTP_STATUS_CODES = {
  success: 200,
  skipped: 200,
  badRequest: 400,
  notAuthenticated: 401,
  unauthorized: 403,
  error: 500,
  notImplemented: 501,
  accepted: 202,
  notFound: 404,
  conflict: 409,
  tooManyRequests: 429,
  unavailable: 503,
} as const satisfies Record<string, number>;

/** A status of the standard response, e.g. `'success'` or `'badRequest'`. */
export type Status = keyof typeof HTTP_STATUS_CODES;

/** All statuses, core set first. */
export const STATUSES = Object.keys(HTTP_STATUS_CODES) as readonly Status[];

/** The message used when a helper is called without one. */
export const DEFAULT_MESSAGES: Readonly<Record<Status, string>> = {
  success: 'OK',
  skipped: 'Nothing to do',
  badRequest: 'The request is invalid',
  notAuthenticated: 'Authentication is required',
  unauthorized: 'You are not allowed to do this',
  error: 'Something went wrong on our side',
  notImplemented: 'Not implemented',
  accepted: 'Accepted: the work is under way',
  notFound: 'Not found',
  conflict: 'The request conflicts with the current state',
  tooManyRequests: 'Too many requests: try again later',
  unavailable: 'The service is temporarily unavailable: try again later',
};

/**
 * The HTTP status code for a status.
 *
 * @example
 * httpStatusOf('notFound'); // 404
 */
export const httpStatusOf = (status: Status): number => HTTP_STATUS_CODES[status];

/** Whether a value is one of the known statuses. */
export const isStatus = (value: unknown): value is Status =>
  typeof value === 'string' && Object.hasOwn(HTTP_STATUS_CODES, value);
