import { beforeAll, describe, expect, it } from '@jest/globals';
import { publicKeysOf } from '../../src/adapters/public-keys.js';
import type { PrivateSigningJwk } from '../../src/adapters/signing-keys.js';
import { authServiceSettingsSchema, keySettingsSchema, signingSettingsSchema } from '../../src/settings.js';
import { signingKey } from '../fixtures/keys.js';

describe('authServiceSettingsSchema', () => {
  let required: Record<string, unknown>;
  let key: PrivateSigningJwk;
  beforeAll(async () => {
    key = await signingKey('k-1');
    required = {
      db: { url: 'postgres://auth:secret@127.0.0.1:5432/auth' },
      auth: {
        jwksUrl: 'http://127.0.0.1:3003/.well-known/jwks.json',
        issuer: 'http://127.0.0.1:3003',
        audience: 'platform',
      },
      signing: { publicKeys: JSON.stringify(publicKeysOf({ current: key })) },
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

  it('reads the published keys and never the private ones, even where the old parameter still holds them', () => {
    const withOldParameter = {
      ...required,
      signing: { ...(required.signing as object), keys: JSON.stringify({ current: key }) },
    };
    for (const schema of [authServiceSettingsSchema, keySettingsSchema]) {
      const settings = schema.parse(withOldParameter);
      expect(settings.signing.publicKeys.current).toMatchObject({ kid: 'k-1', x: key.x, y: key.y });
      expect(JSON.stringify(settings)).not.toContain(key.d);
    }
  });
});

describe('signingSettingsSchema', () => {
  it('reads the private keys of auth-service-signing/keys, and nothing of the shared settings', async () => {
    const current = await signingKey('k-1');
    const settings = signingSettingsSchema.parse({
      keys: JSON.stringify({ current }),
      logLevel: 'debug',
      db: { url: 'postgres://auth:secret@127.0.0.1:5432/auth' },
    });
    expect(settings).toEqual({ keys: { current } });
  });

  it('refuses a missing or public-only key, naming the key, never the value', async () => {
    const { d: _d, ...publicOnly } = await signingKey('k-1');
    expect(signingSettingsSchema.safeParse({}).error?.issues[0]?.path).toEqual(['keys']);
    const result = signingSettingsSchema.safeParse({ keys: JSON.stringify({ current: publicOnly }) });
    expect(result.error?.issues[0]?.path).toEqual(['keys', 'current', 'd']);
    expect(JSON.stringify(result.error?.issues)).not.toContain(publicOnly.x);
  });
});
