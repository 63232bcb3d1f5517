/** What went wrong, as the adapters see it: each code maps to one response in `src/adapters/responses.ts`. */
export type AuthErrorCode =
  | 'emailTaken'
  | 'weakPassword'
  | 'invalidCredentials'
  | 'accountLocked'
  | 'invalidRefreshToken'
  | 'refreshTokenReused'
  | 'invalidTarget'
  | 'unknownRole'
  | 'userNotFound'
  | 'cannotDeleteSelf'
  | 'bootstrapFailed';

/**
 * Base of auth-service's domain errors: a plain `Error` with a `code` and no HTTP status. The
 * adapters decide what a caller sees (`src/adapters/responses.ts`).
 */
export class AuthError extends Error {
  readonly code: AuthErrorCode;

  constructor(code: AuthErrorCode, message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'AuthError';
    this.code = code;
  }
}

/** The email is registered already. Says no more (no id, no date). */
export class EmailTakenError extends AuthError {
  constructor() {
    super('emailTaken', 'This email address cannot be registered');
    this.name = 'EmailTakenError';
  }
}

/** Why a password breaks the policy. */
export type WeakPasswordReason = 'too-short' | 'too-long' | 'common' | 'contains-email';

const WEAK_PASSWORD_MESSAGES: Readonly<Record<WeakPasswordReason, string>> = {
  'too-short': 'The password must have at least 12 characters',
  'too-long': 'The password must have at most 256 characters',
  common: 'The password is too common: choose another',
  'contains-email': 'The password must not contain the email address',
};

/** The password breaks the policy; `reason` says which rule. */
export class WeakPasswordError extends AuthError {
  constructor(readonly reason: WeakPasswordReason) {
    super('weakPassword', WEAK_PASSWORD_MESSAGES[reason]);
    this.name = 'WeakPasswordError';
  }
}

/** Wrong email or password: one message for both, so it tells nothing about which. */
export class InvalidCredentialsError extends AuthError {
  constructor() {
    super('invalidCredentials', 'Invalid email or password');
    this.name = 'InvalidCredentialsError';
  }
}

/** Too many failed logins for this email: locked until `retryAfterSeconds` have passed. */
export class AccountLockedError extends AuthError {
  constructor(readonly retryAfterSeconds: number) {
    super('accountLocked', 'Too many failed logins: try again later');
    this.name = 'AccountLockedError';
  }
}

/** The refresh token is unknown, expired or revoked. */
export class InvalidRefreshTokenError extends AuthError {
  constructor() {
    super('invalidRefreshToken', 'Invalid refresh token');
    this.name = 'InvalidRefreshTokenError';
  }
}

/** A refresh token was presented again after it was rotated: its whole family is revoked. */
export class RefreshTokenReusedError extends AuthError {
  constructor() {
    super('refreshTokenReused', 'Refresh token reuse detected: the session was revoked, log in again');
    this.name = 'RefreshTokenReusedError';
  }
}

/**
 * A `resource` this service issues no tokens for (RFC 8707 §2's `invalid_target`). The message
 * does not echo the value.
 */
export class InvalidTargetError extends AuthError {
  constructor() {
    super('invalidTarget', 'The requested resource is not one tokens are issued for');
    this.name = 'InvalidTargetError';
  }
}

/** Roles that the roles table does not define. */
export class UnknownRoleError extends AuthError {
  constructor(readonly unknownRoles: readonly string[]) {
    super('unknownRole', `Unknown role${unknownRoles.length === 1 ? '' : 's'}: ${unknownRoles.join(', ')}`);
    this.name = 'UnknownRoleError';
  }
}

/** No user with this id. */
export class UserNotFoundError extends AuthError {
  constructor(readonly id: string) {
    super('userNotFound', `No user ${id}`);
    this.name = 'UserNotFoundError';
  }
}

/** An admin asked to delete their own account: refused, so a stage never loses its last admin by accident. */
export class CannotDeleteSelfError extends AuthError {
  constructor() {
    super('cannotDeleteSelf', 'An account cannot delete itself; ask another admin');
    this.name = 'CannotDeleteSelfError';
  }
}

/** The settings ask to seed a user with roles the roles table does not define (a misconfiguration). */
export class BootstrapError extends AuthError {
  constructor(message: string) {
    super('bootstrapFailed', message);
    this.name = 'BootstrapError';
  }
}
