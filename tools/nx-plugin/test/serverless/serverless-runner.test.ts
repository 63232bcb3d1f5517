import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { WORKSPACE_ROOT } from '../support/workspace-clone.js';

const RUNNER = join(WORKSPACE_ROOT, 'tools/nx-plugin/bin/serverless.mjs');

interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the target script in `cwd` with `env`; never throws on a non-zero exit. */
const runRunner = async (cwd: string, args: string[], env: Record<string, string>): Promise<RunResult> => {
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [RUNNER, ...args], {
      cwd,
      env: { ...process.env, ...env },
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
};

describe('bin/serverless.mjs (the command of the inferred targets)', () => {
  let serviceDir: string;

  beforeEach(async () => {
    serviceDir = join(await mkdtemp(join(tmpdir(), 'runner-')), 'demo-service');
    await mkdir(serviceDir);
  });
  afterEach(() => rm(join(serviceDir, '..'), { recursive: true, force: true }));

  it('reports the package it would deploy, and to which stage, in dry-run mode', async () => {
    await mkdir(join(serviceDir, '.serverless'));
    await writeFile(join(serviceDir, '.serverless', 'cloudformation-template-update-stack.json'), '{}');
    await writeFile(join(serviceDir, '.serverless', 'hello.zip'), Buffer.alloc(4096));

    const result = await runRunner(serviceDir, ['deploy'], { STAGE: 'mr-42', PLATFORM_DEPLOY_DRY_RUN: 'true' });

    expect(result.code).toBe(0);
    expect(result.stdout).toContain('dry run: would deploy demo-service to stage mr-42: hello.zip (4 KiB)');
  });

  it('refuses a dry-run deploy when nothing was packaged', async () => {
    const result = await runRunner(serviceDir, ['deploy'], { STAGE: 'dev', PLATFORM_DEPLOY_DRY_RUN: 'true' });

    expect(result.code).toBe(1);
    expect(result.stderr).toContain('demo-service has no package in .serverless');
  });

  it('defaults the stage to dev', async () => {
    const result = await runRunner(serviceDir, ['remove'], { STAGE: '', PLATFORM_DEPLOY_DRY_RUN: '1' });

    expect(result.code).toBe(0);
    expect(result.stdout).toContain('dry run: would remove demo-service from stage dev');
  });

  /** A stand-in for the Serverless CLI: prints its arguments and `message`, exits with `code`. */
  const standIn = async (message: string, code: number): Promise<string> => {
    const file = join(serviceDir, '..', 'serverless-stand-in.mjs');
    await writeFile(
      file,
      `console.log('args: ' + process.argv.slice(2).join(' '));\nconsole.error(${JSON.stringify(message)});\nprocess.exit(${code});\n`,
    );
    return file;
  };

  it('treats removing a stage that has no stack as done', async () => {
    const bin = await standIn('Error: Stack with id demo-service-mr-7 does not exist', 1);

    const result = await runRunner(serviceDir, ['remove'], { STAGE: 'mr-7', PLATFORM_SERVERLESS_BIN: bin });

    expect(result.code).toBe(0);
    expect(result.stdout).toContain('args: remove --stage mr-7');
    expect(result.stdout).toContain('demo-service has no stack in stage mr-7: nothing to remove');
  });

  it('still fails a remove that fails for any other reason, with its output', async () => {
    const bin = await standIn('AccessDenied: not authorized to perform cloudformation:DeleteStack', 1);

    const result = await runRunner(serviceDir, ['remove'], { STAGE: 'mr-7', PLATFORM_SERVERLESS_BIN: bin });

    expect(result.code).toBe(1);
    expect(result.stderr).toContain('AccessDenied');
  });

  it('refuses a stage name CloudFormation could not use', async () => {
    const result = await runRunner(serviceDir, ['package'], { STAGE: 'Prod_1' });

    expect(result.code).toBe(2);
    expect(result.stderr).toContain('STAGE "Prod_1" is not a valid stage name');
  });

  it('refuses an unknown action with its usage', async () => {
    const result = await runRunner(serviceDir, ['destroy-everything'], {});

    expect(result.code).toBe(2);
    expect(result.stderr).toContain('usage: serverless.mjs <package|deploy|remove|offline>');
  });
});
