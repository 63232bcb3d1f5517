import { describe, expect, it } from '@jest/globals';
import { z } from 'zod';
import { DB_POOL_DEFAULTS, dbSettingsSchema } from '../../src/index.js';

const issuesOf = (input: unknown) => {
  const result = dbSettingsSchema.safeParse(input);
  return result.success
    ? []
    : result.error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message }));
};

describe('dbSettingsSchema', () => {
  it('applies the Lambda defaults', () => {
    // Act
    const db = dbSettingsSchema.parse({ url: 'postgres://app@db.internal/auth' });

    // Assess
    expect(db).toEqual({
      url: 'postgres://app@db.internal/auth',
      ssl: false,
      logSql: false,
      statementTimeoutMs: 5_000,
      pool: { max: 1, min: 0, idleMs: 10_000, acquireMs: 3_000, evictMs: 1_000 },
    });
    expect(db.pool).toEqual(DB_POOL_DEFAULTS);
  });

  it('coerces the strings Parameter Store returns', () => {
    // Prepare
    const fromParameters = {
      host: 'db.internal',
      port: '6543',
      database: 'auth',
      user: 'auth_service',
      password: 's3cret',
      ssl: 'true',
      pool: { max: '3', min: '1', idleMs: '5000', acquireMs: '500', evictMs: '2000' },
      statementTimeoutMs: '5000',
      logSql: 'false',
    };

    // Act
    const db = dbSettingsSchema.parse(fromParameters);

    // Assess
    expect(db).toEqual({
      host: 'db.internal',
      port: 6543,
      database: 'auth',
      user: 'auth_service',
      password: 's3cret',
      ssl: true,
      pool: { max: 3, min: 1, idleMs: 5000, acquireMs: 500, evictMs: 2000 },
      statementTimeoutMs: 5000,
      logSql: false,
    });
  });

  it('accepts booleans as well as strings for flags', () => {
    // Act
    const db = dbSettingsSchema.parse({ url: 'postgres://app@db/auth', ssl: true, logSql: 'yes' });

    // Assess
    expect(db).toMatchObject({ ssl: true, logSql: true });
  });

  it('fits in a service schema as the db group', () => {
    // Prepare
    const schema = z.object({ db: dbSettingsSchema });

    // Act
    const settings = schema.parse({ db: { url: 'postgres://app@db/auth', pool: { max: '2' } } });

    // Assess
    expect(settings.db.pool).toEqual({ ...DB_POOL_DEFAULTS, max: 2 });
  });

  it('names what is missing when there is neither a url nor a host', () => {
    // Act
    const issues = issuesOf({ password: 's3cret' });

    // Assess
    expect(issues.map((issue) => issue.path)).toEqual(['host', 'database', 'user']);
  });

  it('rejects a url that is not postgres without echoing it', () => {
    // Act
    const issues = issuesOf({ url: 'mysql://app:t0psecret@db/auth' });

    // Assess
    expect(issues).toContainEqual({ path: 'url', message: 'must be a postgres:// or postgresql:// URL' });
    expect(JSON.stringify(issues)).not.toContain('t0psecret');
  });

  it('rejects a pool that cannot work', () => {
    // Prepare
    const url = 'postgres://app@db/auth';

    // Act
    const paths = [{ max: '0' }, { max: '2', min: '3' }, { acquireMs: '0' }, { idleMs: 'soon' }].map((pool) =>
      issuesOf({ url, pool }).map((issue) => issue.path),
    );

    // Assess
    expect(paths).toEqual([['pool.max'], ['pool.min'], ['pool.acquireMs'], ['pool.idleMs']]);
  });

  it('rejects a flag that is not a boolean word', () => {
    // Act
    const issues = issuesOf({ url: 'postgres://app@db/auth', ssl: 'maybe' });

    // Assess
    expect(issues.map((issue) => issue.path)).toEqual(['ssl']);
  });
});
