import { readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { type CreateNodesV2, type TargetConfiguration, createNodesFromFiles } from '@nx/devkit';

/** The target `nx release publish` runs on every project of the release. */
export const PUBLISH_TARGET = 'nx-release-publish';

/**
 * The publish target of a package: dependencies first (so a consumer never sees a version whose
 * dependencies are missing), and the package's own build (the registry gets `dist`).
 */
export const publishTarget = (): TargetConfiguration => ({
  executor: '@platform/release:publish',
  dependsOn: [`^${PUBLISH_TARGET}`, 'build'],
  options: {},
  metadata: { description: 'Publishes the built package (workspace "*" ranges become real ones)' },
});

/**
 * Infers `nx-release-publish` for every package.json that is not private, the way `@nx/js` does
 * for other workspaces (this workspace publishes with its own executor instead; see
 * docs/publishing.md). Registered in nx.json `plugins` for `packages/*`.
 */
export const createNodesV2: CreateNodesV2 = [
  '**/package.json',
  (configFiles, options, context) =>
    createNodesFromFiles(
      (configFile) => {
        const manifest = JSON.parse(readFileSync(`${context.workspaceRoot}/${configFile}`, 'utf8')) as {
          private?: boolean;
        };
        const root = dirname(configFile);
        if (manifest.private === true || root === '.') return {};
        return { projects: { [root]: { targets: { [PUBLISH_TARGET]: publishTarget() } } } };
      },
      configFiles,
      options,
      context,
    ),
];
