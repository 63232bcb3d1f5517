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
export const packageService = async (serviceDir: string, stage: string): Promise<Template> =>
  (await packageStack(serviceDir, stage)).template;

/**
 * What Serverless keeps of a service next to the template (`serverless-state.json`): settings it
 * applies after deploy rather than in CloudFormation, such as the REST API stage's tracing.
 */
export interface ServerlessState {
  service: { provider: { tracing?: { lambda?: boolean; apiGateway?: boolean }; [key: string]: unknown } };
}

/**
 * As {@link packageService}, and the Serverless state too.
 *
 * @example
 * const { template, state } = await packageStack('services/risk-service', 'dev');
 * state.service.provider.tracing; // { lambda: true, apiGateway: true }
 */
export const packageStack = async (
  serviceDir: string,
  stage: string,
): Promise<{ template: Template; state: ServerlessState }> => {
  const packageDir = await mkdtemp(join(tmpdir(), 'sls-package-'));
  try {
    await packageInto(serviceDir, stage, packageDir);
    const read = async (file: string) => JSON.parse(await readFile(join(packageDir, file), 'utf8')) as unknown;
    return {
      template: (await read('cloudformation-template-update-stack.json')) as Template,
      state: (await read('serverless-state.json')) as ServerlessState,
    };
  } finally {
    await rm(packageDir, { recursive: true, force: true });
  }
};

const packageInto = async (serviceDir: string, stage: string, packageDir: string): Promise<void> => {
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
};
