import { appendFile, readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { type WorkspaceClone, cloneWorkspace } from '../support/workspace-clone.js';

/**
 * The services that depend on `packageName`, directly or through other workspace packages, read
 * from the package.json files on their own, so the expectation does not come from Nx.
 */
const servicesImporting = async (root: string, packageName: string): Promise<string[]> => {
  const manifests = new Map<string, string[]>();
  for (const group of ['packages', 'services']) {
    for (const dir of await readdir(join(root, group))) {
      const manifest = JSON.parse(await readFile(join(root, group, dir, 'package.json'), 'utf8')) as {
        name: string;
        dependencies?: Record<string, string>;
      };
      manifests.set(manifest.name, Object.keys(manifest.dependencies ?? {}));
    }
  }
  const reaches = (name: string, seen = new Set<string>()): boolean =>
    (manifests.get(name) ?? []).some(
      (dep) => dep === packageName || (!seen.has(dep) && (seen.add(dep), reaches(dep, seen))),
    );
  const services = await readdir(join(root, 'services'));
  return services.filter((service) => reaches(service)).sort();
};

describe('Inferred deploy targets: nx affected', () => {
  let workspace: WorkspaceClone;

  const affectedDeploys = async (): Promise<string[]> => {
    const result = await workspace.nx(['show', 'projects', '--affected', '-t', 'deploy', '--base=HEAD', '--json']);
    if (result.code !== 0) throw new Error(`nx show projects failed:\n${result.output}`);
    return (JSON.parse(result.stdout) as string[]).sort();
  };

  const touch = (path: string, text = '\n// touched by a test\n') => appendFile(join(workspace.root, path), text);

  beforeAll(async () => {
    workspace = await cloneWorkspace();
  }, 120_000);
  afterAll(() => workspace?.remove());
  beforeEach(async () => {
    await workspace.git('checkout', '--quiet', '--', '.');
  });

  it('lists every service that imports @platform/settings when settings changes', async () => {
    const expected = await servicesImporting(workspace.root, '@platform/settings');
    await touch('packages/settings/src/index.ts');

    const deploys = await affectedDeploys();

    expect(expected.length).toBeGreaterThan(0);
    expect(deploys).toEqual(expected);
  });

  it('lists only the services that import @platform/db when db changes', async () => {
    const expected = await servicesImporting(workspace.root, '@platform/db');
    await touch('packages/db/src/index.ts');

    const deploys = await affectedDeploys();

    expect(expected).toEqual(['auth-service']);
    expect(deploys).toEqual(expected);
  });

  it('lists only the service whose own source changed', async () => {
    await touch('services/fetch-service/src/settings.ts');

    expect(await affectedDeploys()).toEqual(['fetch-service']);
  });

  it('lists every service when the bundling plugins they all load change', async () => {
    await touch('tools/scripts/esbuild-plugins.cjs');

    expect(await affectedDeploys()).toEqual(['auth-service', 'fetch-service', 'risk-service']);
  });

  it('lists every service when a shared serverless.yml fragment changes', async () => {
    await touch('tools/serverless/gateway-responses.yml', '\n# touched\n');

    expect(await affectedDeploys()).toEqual(['auth-service', 'fetch-service', 'risk-service']);
  });

  it('lists nothing when only documentation changed', async () => {
    await touch('README.md', '\nMore words.\n');
    await touch('services/risk-service/README.md', '\nMore words.\n');
    await touch('packages/settings/README.md', '\nMore words.\n');

    expect(await affectedDeploys()).toEqual([]);
  });

  it('lists nothing when only tests changed', async () => {
    await touch('packages/settings/test/unit/parameter-tree.test.ts');
    await touch('services/risk-service/test/unit/get-company-risk.test.ts');

    expect(await affectedDeploys()).toEqual([]);
  });
});
