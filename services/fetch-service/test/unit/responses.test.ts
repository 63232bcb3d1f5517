import { describe, expect, it } from '@jest/globals';
import { NotFoundError, UnavailableError } from '@platform/response';
import { toStatusError } from '../../src/adapters/responses.js';
import {
  LegacyOutageError,
  LegacyUnavailableError,
  OutOfTimeError,
  RiskUpdatePublishError,
  UnknownCompanyError,
} from '../../src/core/errors.js';

describe('toStatusError', () => {
  it.each([
    [new LegacyUnavailableError('c-1', 'HTTP 503'), UnavailableError, 'unavailable', false],
    [new RiskUpdatePublishError('c-1', 'InternalError: boom'), UnavailableError, 'unavailable', false],
    [new OutOfTimeError('c-1', 900), UnavailableError, 'unavailable', false],
    [new UnknownCompanyError('c-1'), NotFoundError, 'notFound', true],
  ])('maps %s to its status, keeping the message and the domain error as cause', (error, type, status, expose) => {
    const mapped = toStatusError(error);
    expect(mapped).toBeInstanceOf(type);
    expect(mapped).toMatchObject({ status, message: error.message, expose, cause: error, headers: {} });
  });

  it('shows a simulated outage to the caller with Retry-After: 1', () => {
    const error = new LegacyOutageError();
    expect(toStatusError(error)).toMatchObject({
      status: 'unavailable',
      message: 'The legacy system is unavailable: retry later',
      expose: true,
      headers: { 'retry-after': '1' },
      cause: error,
    });
  });

  it('leaves anything else as it is', () => {
    const error = new Error('boom');
    expect(toStatusError(error)).toBeUndefined();
  });
});
