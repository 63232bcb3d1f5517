import {
  BadRequestError,
  ConflictError,
  NotAuthenticatedError,
  NotFoundError,
  TooManyRequestsError,
  skipped,
  success,
  type StandardResponse,
} from '@platform/response';
import {
  AuthError,
  type AccountLockedError,
  type AuthErrorCode,
  type BootstrapError,
  type EmailTakenError,
  type InvalidCredentialsError,
  type InvalidRefreshTokenError,
  type InvalidTargetError,
  type RefreshTokenReusedError,
  type UnknownRoleError,
  type UserNotFoundError,
  type WeakPasswordError,
} from '../core/errors.js';
import type { LogOutResult } from '../core/log-out.js';

/**
 * The one place where auth-service's domain results and errors become standard responses
 * (`{ status, message, data }`), HTTP statuses and headers. The cores know nothing of HTTP;
 * @platform/lambda turns the `StatusError`s made here into responses.
 */

/** The domain error class behind each code (each class sets its own code). */
interface AuthErrorOf {
  emailTaken: EmailTakenError;
  weakPassword: WeakPasswordError;
  invalidCredentials: InvalidCredentialsError;
  accountLocked: AccountLockedError;
  invalidRefreshToken: InvalidRefreshTokenError;
  refreshTokenReused: RefreshTokenReusedError;
  invalidTarget: InvalidTargetError;
  unknownRole: UnknownRoleError;
  userNotFound: UserNotFoundError;
  bootstrapFailed: BootstrapError;
}

/** Each domain error as what @platform/lambda answers; the domain message is the client's message. */
const STATUS_ERRORS: { readonly [C in AuthErrorCode]: (error: AuthErrorOf[C]) => Error } = {
  emailTaken: (error) => new ConflictError(error.message, { cause: error }),
  weakPassword: (error) => new BadRequestError(error.message, { cause: error, data: { reason: error.reason } }),
  invalidCredentials: (error) => new NotAuthenticatedError(error.message, { cause: error }),
  accountLocked: (error) =>
    new TooManyRequestsError(error.message, { cause: error, retryAfterSeconds: error.retryAfterSeconds }),
  invalidRefreshToken: (error) => new NotAuthenticatedError(error.message, { cause: error }),
  refreshTokenReused: (error) => new NotAuthenticatedError(error.message, { cause: error }),
  invalidTarget: (error) => new BadRequestError(error.message, { cause: error, data: { error: 'invalid_target' } }),
  unknownRole: (error) =>
    new BadRequestError(error.message, { cause: error, data: { unknownRoles: error.unknownRoles } }),
  userNotFound: (error) => new NotFoundError(error.message, { cause: error }),
  // A misconfiguration: left as it is, so it answers the generic 500 and is logged in full.
  bootstrapFailed: (error) => error,
};

/** A domain error as the `StatusError` @platform/lambda answers with; anything else unchanged. */
export const toStatusError = (error: unknown): unknown => {
  if (!(error instanceof AuthError)) return error;
  const map = STATUS_ERRORS[error.code] as (error: AuthError) => Error;
  return map(error);
};

/**
 * Wraps a handler function so the domain errors it throws reach @platform/lambda as status errors.
 *
 * @example
 * export const handler = http({ settings, input }, withStatusErrors(async ({ body }, ctx) => ...));
 */
export const withStatusErrors =
  <A extends unknown[], R>(fn: (...args: A) => Promise<R>) =>
  async (...args: A): Promise<R> => {
    try {
      return await fn(...args);
    } catch (error) {
      throw toStatusError(error);
    }
  };

/** POST /auth/logout: a revoked family → `success` `{ revokedTokens }`; an unknown token → `skipped`. */
export const logOutResponse = (result: LogOutResult): StandardResponse<{ revokedTokens: number } | null> =>
  result.kind === 'revoked'
    ? success({ revokedTokens: result.revokedTokens }, 'Logged out')
    : skipped('Unknown refresh token: nothing to revoke', null);
