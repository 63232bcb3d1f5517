import { existsSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import pg from 'pg';
import { startPostgres } from '../src/index.js';

const query = async (url: string, sql: string, values: unknown[] = []): Promise<pg.QueryResult> => {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await client.query(sql, values);
  } finally {
    await client.end();
  }
};

describe('startPostgres', () => {
  it('starts an embedded server that accepts SQL and removes its data on stop', async () => {
    const server = await startPostgres();
    try {
      await query(server.url, 'CREATE TABLE t (id int primary key, name text)');
      await query(server.url, 'INSERT INTO t VALUES ($1, $2)', [1, 'one']);
      const { rows } = await query(server.url, 'SELECT name FROM t WHERE id = $1', [1]);
      expect(rows).toEqual([{ name: 'one' }]);
      expect(server.embedded).toBe(true);
      expect(server.url).toMatch(/^postgres:\/\/postgres:.+@127\.0\.0\.1:\d+\/platform$/);
    } finally {
      await server.stop();
    }
    expect(server.dataDir && existsSync(server.dataDir)).toBe(false);
  });

  it('keeps the data directory when asked, and a restart sees the same data', async () => {
    const first = await startPostgres({ keep: true });
    const dataDir = first.dataDir as string;
    try {
      await query(first.url, 'CREATE TABLE kept (v text)');
      await query(first.url, "INSERT INTO kept VALUES ('still here')");
    } finally {
      await first.stop();
    }
    expect(existsSync(dataDir)).toBe(true);
    const second = await startPostgres({ dataDir, keep: true });
    try {
      const { rows } = await query(second.url, 'SELECT v FROM kept');
      expect(rows).toEqual([{ v: 'still here' }]);
    } finally {
      await second.stop();
      await rm(join(dataDir, '..'), { recursive: true, force: true });
    }
  });

  it('uses an external server named by databaseUrl instead of starting one', async () => {
    const external = await startPostgres();
    try {
      const reused = await startPostgres({ databaseUrl: external.url });
      expect(reused.embedded).toBe(false);
      expect(reused.url).toBe(external.url);
      const { rows } = await query(reused.url, 'SELECT 1 AS one');
      expect(rows).toEqual([{ one: 1 }]);
      await reused.stop();
      // stopping the borrowed server must not stop the external one
      const again = await query(external.url, 'SELECT 2 AS two');
      expect(again.rows).toEqual([{ two: 2 }]);
    } finally {
      await external.stop();
    }
  });

  it('fails cleanly when PostgreSQL does not start in time, leaving no server or data directory behind', async () => {
    const before = readdirSync(tmpdir()).filter((name) => name.startsWith('local-cloud-pg-'));
    await expect(startPostgres({ startTimeoutMs: 1 })).rejects.toThrow(/did not start within 1 ms/);
    const after = readdirSync(tmpdir()).filter((name) => name.startsWith('local-cloud-pg-'));
    expect(after.filter((name) => !before.includes(name))).toEqual([]);
  });
});
