import { dirname, relative } from 'node:path';
import { type CreateNodesV2, type TargetConfiguration, createNodesFromFiles } from '@nx/devkit';

/** Options of the plugin entry in nx.json; every one has a default. */
export interface ServerlessPluginOptions {
  /** Name of the cached packaging target. Default `package`. */
  packageTargetName?: string;
  /** Default `deploy`. */
  deployTargetName?: string;
  /** Default `remove`. */
  removeTargetName?: string;
  /** Default `offline`. */
  offlineTargetName?: string;
}

/** The script every inferred target runs, from the workspace root: stage, dry run, quiet Serverless. */
export const RUNNER = 'tools/nx-plugin/bin/serverless.mjs';

/** Environment that changes what `serverless package` produces, so it belongs in the cache key. */
const PACKAGE_ENV = ['STAGE', 'AWS_REGION'].map((env) => ({ env }));

/**
 * Files outside the service that every serverless.yml loads: the bundling plugins
 * (custom.esbuild.plugins), the shared fragments (`${file(../../tools/serverless/…)}`, e.g. the
 * Gateway Responses) and the local Serverless plugins (tools/serverless/*.cjs, e.g. the alarms and
 * dashboard), so a change to them re-packages and re-deploys every service.
 */
export const BUNDLING_INPUTS = [
  '{workspaceRoot}/tools/scripts/esbuild-plugins.cjs',
  '{workspaceRoot}/tools/serverless/**/*.yml',
  '{workspaceRoot}/tools/serverless/**/*.cjs',
];

/**
 * The targets of one Serverless service, named by `options`.
 *
 * - `package` builds the CloudFormation template and the function bundles for `$STAGE` into
 *   `.serverless`; cached on the service's production files, those of every workspace package it
 *   imports (`^production`), the stage and the region.
 * - `deploy` deploys that package (so it runs `package` first) to `$STAGE`. With
 *   `PLATFORM_DEPLOY_DRY_RUN=true` it only reports what it would deploy.
 * - `remove` removes the stage's stack; `offline` runs the service under serverless-offline.
 */
export const serverlessTargets = (
  projectRoot: string,
  options: ServerlessPluginOptions = {},
): Record<string, TargetConfiguration> => {
  // Run from the service's directory, so Serverless finds its serverless.yml.
  const runner = `node ${relative(projectRoot, RUNNER).split('\\').join('/')}`;
  const names = {
    package: options.packageTargetName ?? 'package',
    deploy: options.deployTargetName ?? 'deploy',
    remove: options.removeTargetName ?? 'remove',
    offline: options.offlineTargetName ?? 'offline',
  };
  const run = (action: string, extra: Partial<TargetConfiguration> = {}): TargetConfiguration => ({
    executor: 'nx:run-commands',
    options: { command: `${runner} ${action}`, cwd: '{projectRoot}' },
    ...extra,
  });
  return {
    [names.package]: run('package', {
      cache: true,
      inputs: ['production', '^production', ...BUNDLING_INPUTS, ...PACKAGE_ENV],
      outputs: ['{projectRoot}/.serverless'],
      metadata: { description: 'serverless package --stage $STAGE (default dev) into .serverless' },
    }),
    [names.deploy]: run('deploy', {
      cache: false,
      dependsOn: [names.package],
      inputs: ['production', '^production', ...BUNDLING_INPUTS, ...PACKAGE_ENV],
      metadata: { description: 'Deploys the package to $STAGE; PLATFORM_DEPLOY_DRY_RUN=true only reports' },
    }),
    [names.remove]: run('remove', {
      cache: false,
      metadata: { description: 'Removes the $STAGE stack; PLATFORM_DEPLOY_DRY_RUN=true only reports' },
    }),
    [names.offline]: run('offline', {
      cache: false,
      continuous: true,
      metadata: { description: 'serverless offline start --stage $STAGE (default local); needs `npm start` for AWS' },
    }),
  };
};

/**
 * Infers the Serverless targets for every project that has a `serverless.yml` at its root.
 * Registered in nx.json under `plugins`.
 */
export const createNodesV2: CreateNodesV2<ServerlessPluginOptions> = [
  '**/serverless.yml',
  (configFiles, options, context) =>
    createNodesFromFiles(
      (configFile) => {
        const root = dirname(configFile);
        return { projects: { [root]: { targets: serverlessTargets(root, options) } } };
      },
      configFiles,
      options,
      context,
    ),
];
