import { UnauthorizedError, httpStatusOf } from '@platform/response';
import { describe, expect, it } from '@jest/globals';
import { MissingScopeError, requireScopes } from '../../src/index.js';

const principal = { scopes: ['risk:read'] };

describe('requireScopes', () => {
  it('returns when every scope is held', () => {
    expect(() => requireScopes(principal, ['risk:read'])).not.toThrow();
  });

  it('throws a 403 MissingScopeError naming the missing scopes', () => {
    // Act
    let thrown: unknown;
    try {
      requireScopes(principal, ['risk:read', 'risk:write', 'users:admin', 'risk:write']);
    } catch (error) {
      thrown = error;
    }

    // Assess
    expect(thrown).toBeInstanceOf(MissingScopeError);
    expect(thrown).toBeInstanceOf(UnauthorizedError);
    const error = thrown as MissingScopeError;
    expect(httpStatusOf(error.status)).toBe(403);
    expect(error.missingScopes).toEqual(['risk:write', 'users:admin']);
    expect(error.message).toBe('Missing required scopes: risk:write, users:admin');
    expect(error.data).toEqual({ missingScopes: ['risk:write', 'users:admin'] });
    expect(error.headers['www-authenticate']).toBe('Bearer error="insufficient_scope", scope="risk:write users:admin"');
  });

  it('accepts a single scope as a string', () => {
    expect(() => requireScopes({ scopes: [] }, 'risk:read')).toThrow('Missing required scope: risk:read');
  });
});
