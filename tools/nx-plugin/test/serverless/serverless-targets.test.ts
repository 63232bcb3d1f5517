import { describe, expect, it } from '@jest/globals';
import { serverlessTargets } from '../../src/serverless/serverless-targets.js';

describe('Function: serverlessTargets', () => {
  it('caches package on the production files of the service and of what it imports, per stage and region', () => {
    const targets = serverlessTargets('services/risk-service');

    expect(targets.package).toMatchObject({
      cache: true,
      inputs: [
        'production',
        '^production',
        '{workspaceRoot}/tools/scripts/esbuild-plugins.cjs',
        '{workspaceRoot}/tools/serverless/**/*.yml',
        '{workspaceRoot}/tools/serverless/**/*.cjs',
        { env: 'STAGE' },
        { env: 'AWS_REGION' },
      ],
      outputs: ['{projectRoot}/.serverless'],
      options: { command: 'node ../../tools/nx-plugin/bin/serverless.mjs package', cwd: '{projectRoot}' },
    });
  });

  it('deploys what package built, never from cache', () => {
    const targets = serverlessTargets('services/risk-service');

    expect(targets.deploy).toMatchObject({ cache: false, dependsOn: ['package'] });
    expect(targets.remove).toMatchObject({ cache: false });
    expect(targets.offline).toMatchObject({ cache: false, continuous: true });
  });

  it('finds the runner from a project at any depth', () => {
    const targets = serverlessTargets('services/team-a/billing-service');

    expect(targets.deploy?.options).toMatchObject({
      command: 'node ../../../tools/nx-plugin/bin/serverless.mjs deploy',
    });
  });

  it('uses the target names given in nx.json', () => {
    const targets = serverlessTargets('services/x', { packageTargetName: 'bundle', deployTargetName: 'ship' });

    expect(Object.keys(targets).sort()).toEqual(['bundle', 'offline', 'remove', 'ship']);
    expect(targets.ship?.dependsOn).toEqual(['bundle']);
  });
});
