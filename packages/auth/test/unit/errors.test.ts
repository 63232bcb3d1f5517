import { NotAuthenticatedError, UnavailableError, httpStatusOf } from '@platform/response';
import { describe, expect, it } from '@jest/globals';
import {
  AuthUnavailableError,
  AuthenticationError,
  MalformedAuthorizationHeaderError,
  MissingTokenError,
  TokenInvalidError,
} from '../../src/index.js';

describe('errors', () => {
  it.each([
    ['MissingTokenError', new MissingTokenError()],
    ['MalformedAuthorizationHeaderError', new MalformedAuthorizationHeaderError('bad header')],
    ['TokenInvalidError', new TokenInvalidError('expired')],
  ])('makes %s an exposed 401 AuthenticationError with a Bearer challenge', (name, error) => {
    expect(error).toBeInstanceOf(AuthenticationError);
    expect(error).toBeInstanceOf(NotAuthenticatedError);
    expect(error.name).toBe(name);
    expect(httpStatusOf(error.status)).toBe(401);
    expect(error.expose).toBe(true);
    expect(error.headers['www-authenticate']).toMatch(/^Bearer/);
  });

  it('puts the reason of a TokenInvalidError in its message and keeps the cause', () => {
    const cause = new Error('"exp" claim timestamp check failed');

    const error = new TokenInvalidError('wrong-audience', { cause });

    expect(error.message).toBe('Invalid bearer token: wrong audience');
    expect(error.reason).toBe('wrong-audience');
    expect(error.cause).toBe(cause);
    expect(error.headers['www-authenticate']).toBe('Bearer error="invalid_token", error_description="wrong audience"');
  });

  it('makes AuthUnavailableError a 503 hidden from the client, with Retry-After', () => {
    const error = new AuthUnavailableError('JWKS at https://auth.test/jwks could not be fetched', {
      retryAfterSeconds: 7,
    });

    expect(error).toBeInstanceOf(UnavailableError);
    expect(httpStatusOf(error.status)).toBe(503);
    expect(error.expose).toBe(false);
    expect(error.headers).toEqual({ 'retry-after': '7' });
  });
});
