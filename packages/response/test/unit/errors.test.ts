import { describe, expect, it } from '@jest/globals';
import {
  BadRequestError,
  ConflictError,
  NotAuthenticatedError,
  NotFoundError,
  StatusError,
  TooManyRequestsError,
  UnauthorizedError,
  UnavailableError,
} from '../../src/index.js';

describe('StatusError', () => {
  it.each([
    [BadRequestError, 'badRequest'],
    [NotAuthenticatedError, 'notAuthenticated'],
    [UnauthorizedError, 'unauthorized'],
    [NotFoundError, 'notFound'],
    [ConflictError, 'conflict'],
    [TooManyRequestsError, 'tooManyRequests'],
    [UnavailableError, 'unavailable'],
  ] as const)('%o carries the status %s and is a StatusError', (ErrorClass, status) => {
    const error = new ErrorClass('why');
    expect(error).toBeInstanceOf(StatusError);
    expect(error).toBeInstanceOf(Error);
    expect(error.status).toBe(status);
    expect(error.message).toBe('why');
    expect(error.name).toBe(ErrorClass.name);
  });

  it('exposes client errors and hides server errors by default', () => {
    expect(new NotFoundError().expose).toBe(true);
    expect(new UnavailableError().expose).toBe(false);
    expect(new StatusError('error', 'db password wrong').expose).toBe(false);
    expect(new UnavailableError('maintenance', { expose: true }).expose).toBe(true);
  });

  it('uses the status default message, and keeps data and cause', () => {
    const cause = new Error('root');
    const error = new BadRequestError(undefined, { data: { field: 'id' }, cause });
    expect(error.message).toBe('The request is invalid');
    expect(error.data).toEqual({ field: 'id' });
    expect(error.cause).toBe(cause);
  });

  it('turns retryAfterSeconds into a Retry-After header', () => {
    const error = new TooManyRequestsError('Locked', { retryAfterSeconds: 30 });
    expect(error.headers).toEqual({ 'retry-after': '30' });
    expect(error.retryAfterSeconds).toBe(30);
  });

  it('can be subclassed by domain errors and still be recognised', () => {
    class CompanyNotFound extends NotFoundError {}
    expect(new CompanyNotFound('c-1')).toBeInstanceOf(NotFoundError);
    expect(new CompanyNotFound('c-1').status).toBe('notFound');
  });
});
