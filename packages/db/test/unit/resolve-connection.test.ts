import { describe, expect, it } from '@jest/globals';
import { DatabaseSettingsError, dbSettingsSchema, resolveConnection } from '../../src/index.js';

describe('resolveConnection', () => {
  it('reads every part of a url, decoding the password', () => {
    // Prepare
    const db = dbSettingsSchema.parse({ url: 'postgresql://auth_service:p%40ss%3Aw0rd@db.internal:6543/auth' });

    // Act
    const config = resolveConnection(db);

    // Assess
    expect(config).toEqual({
      host: 'db.internal',
      port: 6543,
      database: 'auth',
      user: 'auth_service',
      password: 'p@ss:w0rd',
      ssl: false,
      pool: db.pool,
      statementTimeoutMs: 5_000,
    });
  });

  it('lets explicit fields win over the url, so the password can be a SecureString of its own', () => {
    // Prepare
    const db = dbSettingsSchema.parse({ url: 'postgres://app@db.internal/auth', password: 's3cret', port: '5433' });

    // Act
    const config = resolveConnection(db);

    // Assess
    expect(config).toMatchObject({ host: 'db.internal', port: 5433, user: 'app', password: 's3cret' });
  });

  it('builds a connection from host fields alone, on the default port', () => {
    // Prepare
    const db = dbSettingsSchema.parse({ host: 'localhost', database: 'auth', user: 'app' });

    // Act
    const config = resolveConnection(db);

    // Assess
    expect(config).toMatchObject({ host: 'localhost', port: 5432, database: 'auth', user: 'app', password: undefined });
  });

  it('turns TLS on for ssl or for sslmode=require in the url', () => {
    // Act
    const fromFlag = resolveConnection(dbSettingsSchema.parse({ url: 'postgres://app@db/auth', ssl: 'true' }));
    const fromUrl = resolveConnection(dbSettingsSchema.parse({ url: 'postgres://app@db/auth?sslmode=require' }));
    const off = resolveConnection(dbSettingsSchema.parse({ url: 'postgres://app@db/auth?sslmode=disable' }));

    // Assess
    expect([fromFlag.ssl, fromUrl.ssl, off.ssl]).toEqual([true, true, false]);
  });

  it('throws DatabaseSettingsError naming the gaps and never a value', () => {
    // Prepare
    const db = {
      ...dbSettingsSchema.parse({ url: 'postgres://app@db/auth' }),
      url: 'ftp://x:t0psecret@h',
      user: undefined,
    };

    // Act
    const act = () => resolveConnection(db);

    // Assess
    expect(act).toThrow(DatabaseSettingsError);
    expect(act).toThrow(/db\.url: must be a postgres/);
    expect(act).not.toThrow(/t0psecret/);
  });
});
