import { join } from 'node:path';
import { ESLint } from 'eslint';
import { beforeAll, describe, expect, it } from '@jest/globals';
import { WORKSPACE_ROOT } from '../support/workspace-clone.js';

const RULE = '@nx/enforce-module-boundaries';

describe('Lint: @nx/enforce-module-boundaries on the workspace tags', () => {
  let eslint: ESLint;

  /** The module-boundary errors ESLint reports for `code` as if it were the file at `path`. */
  const boundaryErrors = async (path: string, code: string): Promise<string[]> => {
    const [result] = await eslint.lintText(code, { filePath: join(WORKSPACE_ROOT, path) });
    return (result?.messages ?? []).filter((message) => message.ruleId === RULE).map((message) => message.message);
  };

  beforeAll(() => {
    eslint = new ESLint({ cwd: WORKSPACE_ROOT });
  });

  it('fails when a service imports another service', async () => {
    const errors = await boundaryErrors(
      'services/risk-service/src/boundary-probe.ts',
      "import { fetchSettingsSchema } from 'fetch-service/src/settings.js';\nexport const probe = fetchSettingsSchema;\n",
    );

    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/apps are forbidden|can only depend on/);
  });

  it('fails when a service reaches into another service by a relative path', async () => {
    const errors = await boundaryErrors(
      'services/risk-service/src/boundary-probe.ts',
      "import { fetchSettingsSchema } from '../../fetch-service/src/settings.js';\nexport const probe = fetchSettingsSchema;\n",
    );

    expect(errors).toHaveLength(1);
  });

  it('fails when a package imports a service', async () => {
    const errors = await boundaryErrors(
      'packages/response/src/boundary-probe.ts',
      "import { riskSettingsSchema } from 'risk-service/src/settings.js';\nexport const probe = riskSettingsSchema;\n",
    );

    expect(errors).toHaveLength(1);
  });

  it('fails when service code (not its tests) imports a tool', async () => {
    const errors = await boundaryErrors(
      'services/risk-service/src/boundary-probe.ts',
      "import { startLocalCloud } from '@platform/local-cloud';\nexport const probe = startLocalCloud;\n",
    );

    expect(errors).toEqual([
      expect.stringContaining('"scope:service" can only depend on libs tagged with "scope:package"'),
    ]);
  });

  it('passes a service that imports packages, and its tests that use the tools', async () => {
    const source = await boundaryErrors(
      'services/risk-service/src/boundary-probe.ts',
      "import { success } from '@platform/response';\nimport { defineSettings } from '@platform/settings';\nexport const probe = [success, defineSettings];\n",
    );
    const test = await boundaryErrors(
      'services/risk-service/test/boundary-probe.test.ts',
      "import { startLocalCloud } from '@platform/local-cloud';\nexport const probe = startLocalCloud;\n",
    );

    expect(source).toEqual([]);
    expect(test).toEqual([]);
  });
});
