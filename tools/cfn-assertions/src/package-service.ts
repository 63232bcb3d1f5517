import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';

/** A CloudFormation template, as `serverless package` writes it. */
export interface Template {
  Resources: Record<string, { Type: string; Properties?: Record<string, unknown>; DependsOn?: unknown }>;
  Outputs?: Record<string, unknown>;
}

const SERVERLESS_BIN = join(
  dirname(createRequire(import.meta.url).resolve('serverless/package.json')),
  'bin',
  'serverless.js',
);

/**
 * Runs `serverless package --stage <stage>` in a service directory, with no AWS account (dummy
 * credentials; nothing is deployed), and returns the CloudFormation template it produced. The
 * package goes to a temporary directory that is removed afterwards.
 *
 * @example
 * const template = await packageService('services/risk-service', 'dev');
 */
export const packageService = async (serviceDir: string, stage: string): Promise<Template> => {
  const packageDir = await mkdtemp(join(tmpdir(), 'sls-package-'));
  try {
    return await packageInto(serviceDir, stage, packageDir);
  } finally {
    await rm(packageDir, { recursive: true, force: true });
  }
};

const packageInto = async (serviceDir: string, stage: string, packageDir: string): Promise<Template> => {
  await promisify(execFile)(process.execPath, [SERVERLESS_BIN, 'package', '--stage', stage, '--package', packageDir], {
    cwd: serviceDir,
    env: {
      ...process.env,
      SLS_TELEMETRY_DISABLED: '1',
      SLS_NOTIFICATIONS_MODE: 'off',
      AWS_ACCESS_KEY_ID: 'package-only',
      AWS_SECRET_ACCESS_KEY: 'package-only',
    },
    maxBuffer: 16 * 1024 * 1024,
  });
  return JSON.parse(await readFile(join(packageDir, 'cloudformation-template-update-stack.json'), 'utf8')) as Template;
};
