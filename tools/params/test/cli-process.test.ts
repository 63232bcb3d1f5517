import { execFile } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { seedFetchService, startHarness, type CliHarness } from './helpers/cli.js';

const TSX = createRequire(import.meta.url).resolve('tsx/cli');
const CLI = fileURLToPath(new URL('../src/cli.ts', import.meta.url));

/** Runs the real CLI in its own process, as `npm run params --` does. */
const spawnCli = (argv: string[], env: Record<string, string>) =>
  new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
    execFile(
      process.execPath,
      [TSX, '--conditions=@platform/source', CLI, ...argv],
      { env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', ...env }, timeout: 25_000 },
      (error, stdout, stderr) => {
        const code = error && typeof error.code === 'number' ? error.code : error ? 1 : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });

describe('the params process', () => {
  let harness: CliHarness;

  beforeAll(async () => {
    harness = await startHarness();
    await seedFetchService(harness, 'proc');
  });
  afterAll(() => harness.stop());

  it('sets a value through the environment alone and exits 0', async () => {
    // Act
    const result = await spawnCli(
      ['set', 'fetch-service', 'legacy/maxLatencyMs', '1500', '--stage', 'proc'],
      harness.cloud.env,
    );

    // Assess
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('set legacy/maxLatencyMs = 1500');
    expect((await harness.read('/platform/proc/fetch-service/legacy/maxLatencyMs'))?.value).toBe('1500');
  });

  it('exits non-zero with a clear error, and no stack trace, when Parameter Store is unreachable', async () => {
    // Prepare: a port nothing listens on
    const env = { ...harness.cloud.env, AWS_ENDPOINT_URL: 'http://127.0.0.1:9' };

    // Act
    const result = await spawnCli(['ls', 'fetch-service', '--stage', 'proc'], env);

    // Assess
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('error: cannot reach Parameter Store at http://127.0.0.1:9 (ECONNREFUSED)');
    expect(result.stderr).not.toMatch(/^\s+at /m);
    expect(result.stdout).toBe('');
  });
});
