import {
  BadRequestError,
  ConflictError,
  NotAuthenticatedError,
  NotFoundError,
  TooManyRequestsError,
} from '@platform/response';

/** The email is registered already. Says no more (no id, no date). */
export class EmailTakenError extends ConflictError {
  constructor() {
    super('This email address cannot be registered');
    this.name = 'EmailTakenError';
  }
}

/** The password breaks the policy; `reason` says which rule. */
export class WeakPasswordError extends BadRequestError {
  constructor(readonly reason: 'too-short' | 'too-long' | 'common' | 'contains-email') {
    const messages = {
      'too-short': 'The password must have at least 12 characters',
      'too-long': 'The password must have at most 256 characters',
      common: 'The password is too common: choose another',
      'contains-email': 'The password must not contain the email address',
    } as const;
    super(messages[reason], { data: { reason } });
    this.name = 'WeakPasswordError';
  }
}

/** Wrong email or password: one message for both, so it tells nothing about which. */
export class InvalidCredentialsError extends NotAuthenticatedError {
  constructor() {
    super('Invalid email or password');
    this.name = 'InvalidCredentialsError';
  }
}

/** Too many failed logins for this email: locked until `retryAfterSeconds` have passed. */
export class AccountLockedError extends TooManyRequestsError {
  constructor(retryAfterSeconds: number) {
    super('Too many failed logins: try again later', { retryAfterSeconds });
    this.name = 'AccountLockedError';
  }
}

/** The refresh token is unknown, expired or revoked. */
export class InvalidRefreshTokenError extends NotAuthenticatedError {
  constructor() {
    super('Invalid refresh token');
    this.name = 'InvalidRefreshTokenError';
  }
}

/** A refresh token was presented again after it was rotated: its whole family is revoked. */
export class RefreshTokenReusedError extends NotAuthenticatedError {
  constructor() {
    super('Refresh token reuse detected: the session was revoked, log in again');
    this.name = 'RefreshTokenReusedError';
  }
}

/**
 * A `resource` this service issues no tokens for (RFC 8707 §2's `invalid_target`). The message
 * does not echo the value.
 */
export class InvalidTargetError extends BadRequestError {
  constructor() {
    super('The requested resource is not one tokens are issued for', { data: { error: 'invalid_target' } });
    this.name = 'InvalidTargetError';
  }
}

/** Roles that the roles table does not define. */
export class UnknownRoleError extends BadRequestError {
  constructor(readonly unknownRoles: readonly string[]) {
    super(`Unknown role${unknownRoles.length === 1 ? '' : 's'}: ${unknownRoles.join(', ')}`, {
      data: { unknownRoles },
    });
    this.name = 'UnknownRoleError';
  }
}

/** No user with this id. */
export class UserNotFoundError extends NotFoundError {
  constructor(id: string) {
    super(`No user ${id}`);
    this.name = 'UserNotFoundError';
  }
}

/** The settings ask to seed a user with roles the roles table does not define (a misconfiguration → 500). */
export class BootstrapError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BootstrapError';
  }
}
