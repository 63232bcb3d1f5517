import { beforeAll, describe, expect, it } from '@jest/globals';
import { authServiceSettingsSchema } from '../../src/settings.js';
import { signingKey } from '../fixtures/keys.js';

describe('authServiceSettingsSchema', () => {
  let required: Record<string, unknown>;
  beforeAll(async () => {
    required = {
      db: { url: 'postgres://auth:secret@127.0.0.1:5432/auth' },
      auth: {
        jwksUrl: 'http://127.0.0.1:3003/.well-known/jwks.json',
        issuer: 'http://127.0.0.1:3003',
        audience: 'platform',
      },
      signing: { keys: JSON.stringify({ current: await signingKey('k-1') }) },
    };
  });

  it('fills in the defaults of tokens, lockout and the roles cache', () => {
    const settings = authServiceSettingsSchema.parse(required);
    expect(settings.tokens).toEqual({
      accessTtlSeconds: 900,
      refreshTtlSeconds: 2_592_000,
      refreshMaxLifetimeSeconds: 7_776_000,
      refreshReuseGraceSeconds: 30,
    });
    expect(settings.lockout).toEqual({
      maxAttempts: 5,
      windowSeconds: 900,
      seconds: 900,
      accountFreeFailures: 10,
      accountMaxDelaySeconds: 300,
      knownAddressDays: 30,
    });
    expect(settings.loginAttempts).toEqual({ retentionDays: 90 });
    expect(settings.rolesCacheSeconds).toBe(60);
    expect(settings.bootstrapAdmin).toBeUndefined();
    expect(settings.demoUser).toBeUndefined();
  });

  it('reads Parameter Store strings: numbers, a comma-separated role list, a normalised email', () => {
    const settings = authServiceSettingsSchema.parse({
      ...required,
      lockout: { maxAttempts: '3' },
      demoUser: { email: ' Demo@Example.com ', password: 'local-demo-password', roles: 'risk-reader, risk-operator' },
      bootstrapAdmin: { email: 'admin@example.com', password: 'an-admin-password' },
    });
    expect(settings.lockout.maxAttempts).toBe(3);
    expect(settings.demoUser).toEqual({
      email: 'demo@example.com',
      password: 'local-demo-password',
      roles: ['risk-reader', 'risk-operator'],
    });
    expect(settings.bootstrapAdmin?.roles).toEqual(['admin']);
  });

  it('refuses access tokens living longer than an hour, and short seed passwords', () => {
    expect(authServiceSettingsSchema.safeParse({ ...required, tokens: { accessTtlSeconds: '86400' } }).success).toBe(
      false,
    );
    const shortPassword = { ...required, bootstrapAdmin: { email: 'admin@example.com', password: 'short' } };
    expect(authServiceSettingsSchema.safeParse(shortPassword).success).toBe(false);
  });
});
