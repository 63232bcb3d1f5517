export { HTTP_STATUS_CODES, STATUSES, DEFAULT_MESSAGES, httpStatusOf, isStatus } from './statuses.js';
export type { Status } from './statuses.js';
export { respond, isStandardResponse, isSuccessful } from './standard-response.js';
export type { StandardResponse } from './standard-response.js';
export {
  success,
  skipped,
  accepted,
  badRequest,
  notAuthenticated,
  unauthorized,
  notFound,
  conflict,
  tooManyRequests,
  error,
  notImplemented,
  unavailable,
} from './helpers.js';
export { toHttpResponse } from './to-http-response.js';
export type { HttpResponse } from './to-http-response.js';
export {
  StatusError,
  BadRequestError,
  NotAuthenticatedError,
  UnauthorizedError,
  NotFoundError,
  ConflictError,
  TooManyRequestsError,
  UnavailableError,
} from './errors.js';
export type { StatusErrorOptions } from './errors.js';
