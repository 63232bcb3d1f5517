import { execFile } from 'node:child_process';
import { readFile, rm, writeFile } from 'node:fs/promises';
import { promisify } from 'node:util';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  dlqAlarmProblems,
  leastPrivilegeProblems,
  monitoringProblems,
  queueProblems,
  runtimes,
  type Template,
} from '@platform/cfn-assertions';
import { startLocalCloud } from '@platform/local-cloud';
import { startSystem } from '@platform/local-system';
import { cloneWorkspace, type CommandResult, type WorkspaceClone } from '../support/workspace-clone.js';

const SERVICE = 'slowcheck-service';

/** Fails with the command's output, so a broken generator explains itself. */
const expectSuccess = (result: CommandResult) => {
  if (result.code !== 0) throw new Error(`nx exited with ${result.code}:\n${result.output.slice(-8000)}`);
};

/**
 * The generators run for real (`nx g`) in a clone of this workspace, and what they produce is
 * linted, typechecked, tested, packaged and built there by Nx, as a developer would.
 */
describe('generators in a workspace clone', () => {
  let clone: WorkspaceClone;
  const inClone = (...path: string[]) => join(clone.root, ...path);

  beforeAll(async () => {
    clone = await cloneWorkspace();
  });
  afterAll(async () => {
    await clone?.remove();
  });

  it('creates a service that lints, typechecks, tests and packages', async () => {
    expectSuccess(await clone.nx(['g', '@platform/nx-plugin:service', 'slowcheck', '--team', 'slow', '--skipInstall']));

    expect(await readFile(inClone('CODEOWNERS'), 'utf8')).toContain(`/services/${SERVICE}/ @acme/team-slow`);
    expectSuccess(await clone.nx(['run-many', '-t', 'lint', 'typecheck', 'test', 'package', '-p', SERVICE]));
  });

  it('adds http, sqs and schedule functions whose tests pass and whose template passes the platform checks', async () => {
    for (const [name, type] of [
      ['get-report', 'http'],
      ['process-order', 'sqs'],
      ['nightly-sweep', 'schedule'],
    ] as const) {
      expectSuccess(await clone.nx(['g', '@platform/nx-plugin:function', name, '--project', SERVICE, '--type', type]));
    }

    expectSuccess(await clone.nx(['run-many', '-t', 'typecheck', 'test', 'package', '-p', SERVICE]));

    const template = JSON.parse(
      await readFile(inClone('services', SERVICE, '.serverless/cloudformation-template-update-stack.json'), 'utf8'),
    ) as Template;
    expect(runtimes(template)).toEqual(Array(4).fill('nodejs22.x'));
    expect(leastPrivilegeProblems(template)).toEqual([]);
    expect(queueProblems(template)).toEqual([]);
    expect(dlqAlarmProblems(template)).toEqual([]);
    expect(template.Resources.ProcessOrderQueue?.Type).toBe('AWS::SQS::Queue');
    expect(template.Resources.ProcessOrderDlqAlarm?.Type).toBe('AWS::CloudWatch::Alarm');
    // Every function's alarms, the queue's and the DLQ's, the API's, the dashboard, X-Ray (package: STAGE dev).
    expect(monitoringProblems(template, { topicName: 'platform-dev-alarms' })).toEqual([]);
    expect(template.Resources.ProcessOrderQueueAgeAlarm?.Type).toBe('AWS::CloudWatch::Alarm');
  });

  it('runs the generated service in the local system, as npm start does', async () => {
    const cloud = await startLocalCloud({ port: 0 });
    try {
      const system = await startSystem(cloud, { root: clone.root, services: [SERVICE] });
      try {
        const [service] = system.services;

        const response = await fetch(`${service?.httpUrl}/slowcheck/hello?name=Ada`);
        const invalid = await fetch(`${service?.httpUrl}/slowcheck/hello?name=${'x'.repeat(65)}`);

        expect(service?.name).toBe(SERVICE);
        expect(service?.consumers.map((consumer) => consumer.functionName)).toEqual([
          expect.stringMatching(/processOrder$/),
        ]);
        expect(response.status).toBe(200);
        expect(await response.json()).toMatchObject({ status: 'success', data: { message: 'Hello, Ada' } });
        expect(invalid.status).toBe(400);
        expect(await invalid.json()).toMatchObject({ status: 'badRequest' });

        // The params CLI finds the new service's settings schema and validates against it.
        const params = (...args: string[]) =>
          promisify(execFile)('npm', ['run', '--silent', 'params', '--', ...args, '--stage', 'local'], {
            cwd: clone.root,
            env: {
              ...process.env,
              AWS_ENDPOINT_URL: cloud.endpoint,
              AWS_REGION: cloud.region,
              AWS_ACCESS_KEY_ID: 'test',
              AWS_SECRET_ACCESS_KEY: 'test',
            },
          }).then(
            ({ stdout }) => ({ code: 0, output: stdout }),
            (error: { code: number; stdout: string; stderr: string }) => ({
              code: error.code,
              output: `${error.stdout}${error.stderr}`,
            }),
          );
        const refused = await params('set', SERVICE, 'logLevel', 'loud');
        const accepted = await params('set', SERVICE, 'logLevel', 'debug');
        expect({ code: refused.code, output: refused.output }).toMatchObject({ code: 1 });
        expect(refused.output).toContain('logLevel');
        expect({ code: accepted.code, output: accepted.output }).toMatchObject({ code: 0 });
      } finally {
        await system.stop();
      }
    } finally {
      await cloud.stop();
    }
  }, 180_000);

  it('fails lint when the generated service imports another service', async () => {
    const config = await readFile(inClone('eslint.config.js'), 'utf8');
    if (!config.includes('@nx/enforce-module-boundaries')) {
      console.warn('eslint.config.js has no @nx/enforce-module-boundaries rule yet: the assertion is skipped');
      return;
    }
    const core = inClone('services', SERVICE, 'src/core');
    await writeFile(
      join(core, 'by-package.ts'),
      "export { riskSettingsSchema } from 'risk-service/src/settings.js';\n",
    );
    await writeFile(
      join(core, 'by-path.ts'),
      "export { riskSettingsSchema } from '../../../risk-service/src/settings.js';\n",
    );

    const result = await clone.nx(['run', `${SERVICE}:lint`]);

    expect(result.code).not.toBe(0);
    const reported = result.output.split('\n').filter((line) => line.includes('@nx/enforce-module-boundaries'));
    expect(reported).toHaveLength(2);
    expect(result.output).toContain('by-package.ts');
    expect(result.output).toContain('by-path.ts');
    await Promise.all([rm(join(core, 'by-package.ts')), rm(join(core, 'by-path.ts'))]);
  });

  it('creates a package that lints, typechecks, tests and builds', async () => {
    expectSuccess(await clone.nx(['g', '@platform/nx-plugin:package', 'slowcheck-kit', '--skipInstall']));

    expectSuccess(
      await clone.nx(['run-many', '-t', 'lint', 'typecheck', 'test', 'build', '-p', '@platform/slowcheck-kit']),
    );
    const built = await readFile(inClone('packages/slowcheck-kit/dist/index.d.ts'), 'utf8');
    expect(built).toContain('describeSlowcheckKit');
    expect(await readFile(inClone('CODEOWNERS'), 'utf8')).toContain('/packages/slowcheck-kit/ @acme/team-platform');
  });
});
