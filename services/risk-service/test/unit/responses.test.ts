import { describe, expect, it } from '@jest/globals';
import { ConflictError, NotFoundError, UnavailableError } from '@platform/response';
import { companyRiskAnswer, refreshAnswer, toStatusError } from '../../src/adapters/responses.js';
import { CompanyNotFoundError, FetchRequestFailedError, RiskUpdateConflictError } from '../../src/core/errors.js';

const risk = {
  companyId: 'c-1',
  status: 'reliable' as const,
  statusChangedAt: '2026-01-01T00:00:00.000Z',
  fetchedAt: '2026-11-23T09:30:00.000Z',
  stale: false,
};

describe('toStatusError', () => {
  it.each([
    [new CompanyNotFoundError('c-1'), NotFoundError, 'notFound', true],
    [new RiskUpdateConflictError('c-1'), ConflictError, 'conflict', true],
    [new FetchRequestFailedError('c-1'), UnavailableError, 'unavailable', false],
  ])('maps %s to its status, keeping the message and the domain error as cause', (error, type, status, expose) => {
    const mapped = toStatusError(error);
    expect(mapped).toBeInstanceOf(type);
    expect(mapped).toMatchObject({ status, message: error.message, expose, cause: error, headers: {} });
  });

  it('leaves anything else as it is', () => {
    const error = new Error('boom');
    expect(toStatusError(error)).toBeUndefined();
  });
});

describe('companyRiskAnswer', () => {
  it('answers a found risk as success without headers', () => {
    expect(companyRiskAnswer({ kind: 'found', risk }, 5)).toEqual({
      response: { status: 'success', message: 'OK', data: risk },
      headers: {},
    });
  });

  it('answers a requested fetch as accepted with Retry-After', () => {
    expect(companyRiskAnswer({ kind: 'fetchRequested', companyId: 'c-1' }, 5)).toEqual({
      response: {
        status: 'accepted',
        message: 'Fetching the financial risk of this company: retry shortly',
        data: { companyId: 'c-1' },
      },
      headers: { 'retry-after': '5' },
    });
  });
});

describe('refreshAnswer', () => {
  it('answers accepted, saying whether the request was sent', () => {
    expect(refreshAnswer({ companyId: 'c-1', sent: true }, 7)).toEqual({
      response: { status: 'accepted', message: 'Refresh requested', data: { companyId: 'c-1', sent: true } },
      headers: { 'retry-after': '7' },
    });
    expect(refreshAnswer({ companyId: 'c-1', sent: false }, 7).response.message).toBe('A refresh is already pending');
  });
});
