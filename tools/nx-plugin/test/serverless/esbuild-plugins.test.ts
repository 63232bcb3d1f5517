import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from '@jest/globals';
import { build, type Plugin } from 'esbuild';
import { readServiceManifest } from '@platform/service-manifest';

/**
 * tools/scripts/esbuild-plugins.cjs, the plugins every service bundles with: each bundle here is
 * built with risk-service's own `custom.esbuild` options (the shared ones of
 * tools/serverless/platform.yml) and run in a plain Node process.
 */
const ROOT = fileURLToPath(new URL('../../../../', import.meta.url));
const SERVICE = join(ROOT, 'services', 'risk-service');
const esbuildOptions = readServiceManifest(SERVICE).custom?.esbuild ?? {};
const plugins = createRequire(import.meta.url)(join(SERVICE, String(esbuildOptions.plugins))) as Plugin[];
const out = mkdtempSync(join(tmpdir(), 'esbuild-plugins-'));

afterAll(() => rmSync(out, { recursive: true, force: true }));

/** Bundles `source` (TypeScript, resolved from risk-service) and answers the bundle's text and file. */
const bundle = async (name: string, source: string, withPlugins = true): Promise<{ code: string; file: string }> => {
  const file = join(out, `${name}${withPlugins ? '' : '-bare'}.cjs`);
  const result = await build({
    stdin: { contents: source, resolveDir: SERVICE, loader: 'ts', sourcefile: `${name}.ts` },
    bundle: true,
    minify: true,
    platform: 'node',
    target: 'node22',
    format: 'cjs',
    conditions: esbuildOptions.conditions as string[],
    mainFields: esbuildOptions.mainFields as string[],
    external: ['pg-native', 'pg-hstore'],
    plugins: withPlugins ? plugins : [],
    outfile: file,
    write: false,
    logLevel: 'silent',
  });
  const code = result.outputFiles[0]?.text ?? '';
  writeFileSync(file, code);
  return { code, file };
};

/** Runs a bundle; answers what it printed (its last line). */
const run = (file: string): string =>
  execFileSync(process.execPath, [file], { encoding: 'utf8', env: { PATH: process.env.PATH ?? '' } })
    .trim()
    .split('\n')
    .at(-1) ?? '';

describe('the shared esbuild plugins', () => {
  it('drop Sequelize from a function that only reads the database settings schema', async () => {
    // Prepare: what auth-service's jwks and authorizer import of @platform/db.
    const source = "import { dbSettingsSchema } from '@platform/db';\nconsole.log(typeof dbSettingsSchema.parse);";

    // Act
    const withPlugins = await bundle('db-schema', source);
    const bare = await bundle('db-schema', source, false);

    // Assert: without the plugin Sequelize is bundled for nothing; the schema works either way.
    expect(bare.code).toContain('sequelize');
    expect(withPlugins.code).not.toMatch(/sequelize/i);
    expect(withPlugins.code.length).toBeLessThan(bare.code.length / 2);
    expect(run(withPlugins.file)).toBe('function');
  });

  it('keep Sequelize with the postgres dialect, and refuse another dialect with a clear error', async () => {
    // Prepare
    const source = [
      "import pg from 'pg';",
      "import { Sequelize, DataTypes } from 'sequelize';",
      "const postgres = new Sequelize('postgres://u:p@127.0.0.1:1/db', { dialect: 'postgres', dialectModule: pg, logging: false });",
      "postgres.define('Row', { id: { type: DataTypes.UUID, primaryKey: true }, at: DataTypes.DATE });",
      'let refused = "";',
      "try { new Sequelize('mysql://u:p@127.0.0.1:1/db', { dialect: 'mysql' }); } catch (error) { refused = String(error.message); }",
      'console.log(JSON.stringify({ dialect: postgres.getDialect(), refused, zone: String(postgres.options.timezone) }));',
    ].join('\n');

    // Act
    const { code, file } = await bundle('sequelize', source);

    // Assert
    expect(JSON.parse(run(file))).toEqual({
      dialect: 'postgres',
      refused: expect.stringContaining("Sequelize's mysql dialect is not bundled"),
      zone: '+00:00',
    });
    expect(code).not.toContain('mssql_'); // none of the other dialects' query generators
  });

  it('leave the time zone database out of moment-timezone, which Sequelize only asks whether an offset is a zone', async () => {
    // Prepare
    const source = [
      "import moment from 'moment-timezone';",
      "console.log(JSON.stringify({ offset: moment.tz.zone('+00:00'), names: moment.tz.names().length, utc: moment.utc(0).toISOString() }));",
    ].join('\n');

    // Act
    const withPlugins = await bundle('moment', source);
    const bare = await bundle('moment', source, false);

    // Assert: the same answer for an offset, without the 600 KiB of zones.
    expect(JSON.parse(run(withPlugins.file))).toEqual({ offset: null, names: 0, utc: '1970-01-01T00:00:00.000Z' });
    expect(JSON.parse(run(bare.file))).toMatchObject({ offset: null });
    expect(bare.code.length - withPlugins.code.length).toBeGreaterThan(500_000);
  });

  it("leave out pino's worker-thread transports; logging to stdout works and pino.transport() says why it cannot", async () => {
    // Prepare
    const source = [
      "import pino from 'pino';",
      "pino({ base: null, timestamp: false }).info('written');",
      'try { pino.transport({ target: "pino/file" }); } catch (error) { console.log(String(error.message)); }',
    ].join('\n');

    // Act
    const { code, file } = await bundle('pino', source);
    const printed = execFileSync(process.execPath, [file], { encoding: 'utf8' }).trim().split('\n');

    // Assert: in either order (pino's default destination writes asynchronously, console.log does not)
    const logged = printed.filter((line) => line.startsWith('{'));
    expect(logged.map((line) => JSON.parse(line))).toEqual([{ level: 30, msg: 'written' }]);
    expect(printed.filter((line) => !line.startsWith('{'))).toEqual([
      expect.stringContaining('pino transports (worker threads) are not bundled'),
    ]);
    expect(code).not.toContain('thread-stream');
  });

  it('keep only English of Zod 4 locales, and Zod still answers in English', async () => {
    // Prepare
    const source = "import { z } from 'zod';\nconsole.log(z.string().safeParse(1).error?.issues[0]?.message);";

    // Act
    const { code, file } = await bundle('zod', source);

    // Assert
    expect(run(file)).toBe('Invalid input: expected string, received number');
    expect(code).not.toContain('Ungültige'); // German, for one
  });
});
