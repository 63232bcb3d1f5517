import { describe, expect, it } from '@jest/globals';
import { hasScopes } from '../../src/index.js';

const principal = { scopes: ['risk:read', 'risk:write'] };

describe('hasScopes', () => {
  it('returns true when every scope is held', () => {
    expect(hasScopes(principal, ['risk:read', 'risk:write'])).toBe(true);
    expect(hasScopes(principal, 'risk:read')).toBe(true);
  });

  it('returns false when one scope is missing', () => {
    expect(hasScopes(principal, ['risk:read', 'users:admin'])).toBe(false);
  });

  it('matches scopes exactly', () => {
    expect(hasScopes(principal, 'risk')).toBe(false);
    expect(hasScopes(principal, 'RISK:READ')).toBe(false);
  });

  it('returns true for an empty requirement', () => {
    expect(hasScopes({ scopes: [] }, [])).toBe(true);
  });
});
