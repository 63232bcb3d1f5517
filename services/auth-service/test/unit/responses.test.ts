import { describe, expect, it } from '@jest/globals';
import {
  BadRequestError,
  ConflictError,
  NotAuthenticatedError,
  NotFoundError,
  type StatusError,
  TooManyRequestsError,
} from '@platform/response';
import { logOutResponse, toStatusError } from '../../src/adapters/responses.js';
import {
  AccountLockedError,
  BootstrapError,
  CannotDeleteSelfError,
  EmailTakenError,
  InvalidCredentialsError,
  InvalidRefreshTokenError,
  InvalidTargetError,
  RefreshTokenReusedError,
  UnknownRoleError,
  UserNotFoundError,
  WeakPasswordError,
} from '../../src/core/errors.js';

describe('toStatusError', () => {
  it.each([
    [new EmailTakenError(), ConflictError, 'conflict', null],
    [new WeakPasswordError('common'), BadRequestError, 'badRequest', { reason: 'common' }],
    [new InvalidCredentialsError(), NotAuthenticatedError, 'notAuthenticated', null],
    [new InvalidRefreshTokenError(), NotAuthenticatedError, 'notAuthenticated', null],
    [new RefreshTokenReusedError(), NotAuthenticatedError, 'notAuthenticated', null],
    [new InvalidTargetError(), BadRequestError, 'badRequest', { error: 'invalid_target' }],
    [new UnknownRoleError(['root', 'god']), BadRequestError, 'badRequest', { unknownRoles: ['root', 'god'] }],
    [new UserNotFoundError('u-1'), NotFoundError, 'notFound', null],
    [new CannotDeleteSelfError(), ConflictError, 'conflict', null],
  ])(
    'maps %s to its status and data, keeping the message and the domain error as cause',
    (error, type, status, data) => {
      const mapped = toStatusError(error);
      expect(mapped).toBeInstanceOf(type);
      expect(mapped).toMatchObject({ status, message: error.message, expose: true, cause: error });
      expect((mapped as StatusError).data ?? null).toEqual(data);
    },
  );

  it('maps a locked account to 429 with Retry-After', () => {
    const mapped = toStatusError(new AccountLockedError(840));
    expect(mapped).toBeInstanceOf(TooManyRequestsError);
    expect(mapped).toMatchObject({
      status: 'tooManyRequests',
      message: 'Too many failed logins: try again later',
      retryAfterSeconds: 840,
      headers: { 'retry-after': '840' },
    });
  });

  it('leaves a bootstrap misconfiguration and unknown errors as they are (generic 500)', () => {
    const bootstrap = new BootstrapError('Cannot seed a user with unknown roles: root');
    const other = new Error('boom');
    expect(toStatusError(bootstrap)).toBeUndefined();
    expect(toStatusError(other)).toBeUndefined();
  });
});

describe('logOutResponse', () => {
  it('answers a revoked family as success and an unknown token as skipped', () => {
    expect(logOutResponse({ kind: 'revoked', revokedTokens: 2 })).toEqual({
      status: 'success',
      message: 'Logged out',
      data: { revokedTokens: 2 },
    });
    expect(logOutResponse({ kind: 'unknownToken' })).toEqual({
      status: 'skipped',
      message: 'Unknown refresh token: nothing to revoke',
      data: null,
    });
  });
});
