import { describe, expect, it } from '@jest/globals';
import { lambdaPool } from '../../src/lambda-pool.js';
import { DB_POOL_DEFAULTS } from '../../src/index.js';

describe('lambdaPool', () => {
  it('maps the settings to Sequelize pool options', () => {
    // Act
    const { options } = lambdaPool({ ...DB_POOL_DEFAULTS, max: 2 });

    // Assess
    expect(options).toMatchObject({ max: 2, min: 0, idle: 10_000, acquire: 3_000, evict: 1_000 });
    expect(typeof options.validate).toBe('function');
  });

  it('refuses a connection idle for longer than idleMs, as after a frozen container thaws', () => {
    // Prepare
    let now = 0;
    const pool = lambdaPool({ ...DB_POOL_DEFAULTS, idleMs: 1_000 }, () => now);
    const connection = {};
    pool.touch(connection);

    // Act
    now = 1_000;
    const atLimit = pool.options.validate?.(connection);
    now = 1_001;
    const past = pool.options.validate?.(connection);

    // Assess
    expect(atLimit).toBe(true);
    expect(past).toBe(false);
  });

  it('refuses a connection the pg client marked broken or ending', () => {
    // Prepare
    const pool = lambdaPool(DB_POOL_DEFAULTS);
    const connections = [{ _invalid: true }, { _ending: true }, { _ended: true }, { _queryable: false }, {}];

    // Act
    const usable = connections.map((connection) => pool.options.validate?.(connection));

    // Assess
    expect(usable).toEqual([false, false, false, false, true]);
  });
});
