import { describe, expect, it } from '@jest/globals';
import { HTTP_STATUS_CODES, STATUSES, httpStatusOf, isStatus } from '../../src/index.js';

describe('HTTP_STATUS_CODES', () => {
  it.each([
    ['success', 200],
    ['skipped', 200],
    ['accepted', 202],
    ['badRequest', 400],
    ['notAuthenticated', 401],
    ['unauthorized', 403],
    ['notFound', 404],
    ['conflict', 409],
    ['tooManyRequests', 429],
    ['error', 500],
    ['notImplemented', 501],
    ['unavailable', 503],
  ] as const)('maps %s to HTTP %i', (status, code) => {
    expect(httpStatusOf(status)).toBe(code);
    expect(HTTP_STATUS_CODES[status]).toBe(code);
  });

  it('lists exactly the twelve statuses of the contract', () => {
    expect([...STATUSES].sort()).toEqual(
      [
        'accepted',
        'badRequest',
        'conflict',
        'error',
        'notAuthenticated',
        'notFound',
        'notImplemented',
        'skipped',
        'success',
        'tooManyRequests',
        'unauthorized',
        'unavailable',
      ].sort(),
    );
  });
});

describe('isStatus', () => {
  it('accepts known statuses and rejects everything else', () => {
    expect(isStatus('conflict')).toBe(true);
    expect(isStatus('Success')).toBe(false);
    expect(isStatus('toString')).toBe(false);
    expect(isStatus(200)).toBe(false);
    expect(isStatus(undefined)).toBe(false);
  });
});
