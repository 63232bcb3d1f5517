import { execFile } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startHarness, type Harness } from './helpers/harness.js';

const TSX = createRequire(import.meta.url).resolve('tsx/cli');
const CLI = fileURLToPath(new URL('../src/cli.ts', import.meta.url));

/** Runs the real CLI in its own process, as `npm run dlq --` does. */
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

describe('the dlq process', () => {
  let harness: Harness;

  beforeAll(async () => {
    harness = await startHarness();
  });
  afterAll(() => harness.stop());

  it('redrives through the environment alone, exits 0, and exits 1 and 2 on refusals', async () => {
    // Prepare
    const dlq = await harness.queue('fetch-service-proc-fetch-requests-dlq');
    const source = await harness.queue('fetch-service-proc-fetch-requests', dlq);
    await harness.park(source, dlq, 3);

    // Act
    const done = await spawnCli(['redrive', dlq.name, '--stage', 'proc'], harness.cloud.env);
    const refused = await spawnCli(['redrive', source.name, '--stage', 'proc'], harness.cloud.env);
    const usage = await spawnCli(['redrive', dlq.name, '--stage', 'proc', '--rate', '9000'], harness.cloud.env);

    // Assess
    expect(done).toMatchObject({ code: 0, stdout: expect.stringContaining('done: 3 messages moved') });
    expect(done.stderr).not.toMatch(/Warning/);
    expect(refused).toMatchObject({ code: 1, stderr: expect.stringMatching(/^error: .* is not a dead-letter queue/) });
    expect(usage.code).toBe(2);
    expect(await harness.depth(source)).toBe(3);
  });
});
