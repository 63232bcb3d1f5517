import { describe, expect, it } from '@jest/globals';
import {
  STATUSES,
  accepted,
  httpStatusOf,
  isStandardResponse,
  isSuccessful,
  respond,
  success,
  toHttpResponse,
  tooManyRequests,
} from '../../src/index.js';

describe('toHttpResponse', () => {
  it.each(STATUSES)('puts the whole %s response in the body and its code in statusCode', (status) => {
    const response = respond(status, 'm', { n: 1 });
    const http = toHttpResponse(response);
    expect(http.statusCode).toBe(httpStatusOf(status));
    expect(JSON.parse(http.body)).toEqual({ status, message: 'm', data: { n: 1 } });
    expect(http.headers['content-type']).toBe('application/json; charset=utf-8');
  });

  it('merges extra headers', () => {
    const http = toHttpResponse(tooManyRequests(null, 'Locked'), { 'retry-after': '60' });
    expect(http).toMatchObject({ statusCode: 429, headers: { 'retry-after': '60' } });
  });
});

describe('isStandardResponse', () => {
  it('recognises the standard shape only', () => {
    expect(isStandardResponse(success(1))).toBe(true);
    expect(isStandardResponse({ status: 'success', message: 'x' })).toBe(false);
    expect(isStandardResponse({ status: 'weird', message: 'x', data: null })).toBe(false);
    expect(isStandardResponse({ status: 'success', message: 1, data: null })).toBe(false);
    expect(isStandardResponse(null)).toBe(false);
    expect(isStandardResponse('success')).toBe(false);
  });
});

describe('isSuccessful', () => {
  it('is true for the 2xx statuses only', () => {
    const successful = STATUSES.filter((status) => isSuccessful(respond(status)));
    expect(successful.sort()).toEqual(['accepted', 'skipped', 'success']);
    expect(isSuccessful(accepted())).toBe(true);
  });
});
