import { describe, expect, it } from '@jest/globals';
import {
  DEFAULT_MESSAGES,
  accepted,
  badRequest,
  conflict,
  error,
  notAuthenticated,
  notFound,
  notImplemented,
  skipped,
  success,
  tooManyRequests,
  unauthorized,
  unavailable,
  type StandardResponse,
  type Status,
} from '../../src/index.js';

const others: Array<[Status, (data?: unknown, message?: string) => StandardResponse]> = [
  ['skipped', skipped],
  ['badRequest', badRequest],
  ['notAuthenticated', notAuthenticated],
  ['unauthorized', unauthorized],
  ['notFound', notFound],
  ['conflict', conflict],
  ['tooManyRequests', tooManyRequests],
  ['error', error],
  ['notImplemented', notImplemented],
  ['unavailable', unavailable],
];

describe('response helpers', () => {
  it('success carries the data first and a default message', () => {
    expect(success({ id: 1 })).toEqual({ status: 'success', message: 'OK', data: { id: 1 } });
    expect(success([1, 2], 'Listed')).toEqual({ status: 'success', message: 'Listed', data: [1, 2] });
  });

  it('accepted carries the data first', () => {
    expect(accepted({ companyId: 'c-1' }, 'Fetching')).toEqual({
      status: 'accepted',
      message: 'Fetching',
      data: { companyId: 'c-1' },
    });
  });

  it('uses null data when none is given, so the JSON always has three keys', () => {
    expect(success()).toEqual({ status: 'success', message: 'OK', data: null });
    expect(JSON.parse(JSON.stringify(notFound()))).toEqual({ status: 'notFound', message: 'Not found', data: null });
  });

  it('keeps falsy data as it is', () => {
    expect(success(0).data).toBe(0);
    expect(success(false).data).toBe(false);
    expect(success('').data).toBe('');
  });

  it.each(others)('%s takes the data first, then the message, with a default message', (status, helper) => {
    expect(helper()).toEqual({ status, message: DEFAULT_MESSAGES[status], data: null });
    expect(helper({ field: 'x' }, 'custom')).toEqual({ status, message: 'custom', data: { field: 'x' } });
  });
});
