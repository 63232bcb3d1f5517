import type { ErrorMapper } from '@platform/lambda';
import {
  BadRequestError,
  ConflictError,
  NotAuthenticatedError,
  NotFoundError,
  TooManyRequestsError,
  skipped,
  success,
  type StandardResponse,
  type StatusError,
} from '@platform/response';
import {
  AuthError,
  type AccountLockedError,
  type AuthErrorCode,
  type BootstrapError,
  type CannotDeleteSelfError,
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
  cannotDeleteSelf: CannotDeleteSelfError;
  bootstrapFailed: BootstrapError;
}

/** Each domain error as what @platform/lambda answers; the domain message is the client's message. */
const STATUS_ERRORS: { readonly [C in AuthErrorCode]: (error: AuthErrorOf[C]) => StatusError | undefined } = {
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
  cannotDeleteSelf: (error) => new ConflictError(error.message, { cause: error }),
  // A misconfiguration: not mapped, so it answers the generic 500 and is logged in full.
  bootstrapFailed: () => undefined,
};

/** A domain error as the `StatusError` it is answered with; `undefined` for anything else (the adapter's defaults). Passed to every adapter as `errors`. */
export const toStatusError: ErrorMapper = (error) => {
  if (!(error instanceof AuthError)) return undefined;
  const map = STATUS_ERRORS[error.code] as (error: AuthError) => StatusError | undefined;
  return map(error);
};

/** POST /auth/logout: a revoked family → `success` `{ revokedTokens }`; an unknown token → `skipped`. */
export const logOutResponse = (result: LogOutResult): StandardResponse<{ revokedTokens: number } | null> =>
  result.kind === 'revoked'
    ? success({ revokedTokens: result.revokedTokens }, 'Logged out')
    : skipped(null, 'Unknown refresh token: nothing to revoke');
