import { readJson, type Tree } from '@nx/devkit';
import { beforeEach, describe, expect, it } from '@jest/globals';
import { packageGenerator } from '../../src/generators/package/package.js';
import { codeownersSection, platformTree, repoFile } from './fixtures/workspace.js';

describe('packageGenerator', () => {
  let tree: Tree;
  beforeEach(() => {
    tree = platformTree();
  });

  it('creates packages/<name> shaped like @platform/response', async () => {
    await packageGenerator(tree, { name: 'retry', description: 'Retries with back-off', skipInstall: true });

    const pkg = readJson(tree, 'packages/retry/package.json');
    const response = JSON.parse(repoFile('packages/response/package.json'));
    expect(pkg.name).toBe('@platform/retry');
    expect(pkg.description).toBe('Retries with back-off');
    for (const key of ['type', 'exports', 'main', 'types', 'files', 'sideEffects', 'publishConfig', 'nx']) {
      expect({ key, value: pkg[key] }).toEqual({ key, value: response[key] });
    }
    expect(pkg.scripts).toEqual(response.scripts);
    expect(pkg.nx.tags).toEqual(['scope:package', 'team:platform']);
  });

  it('writes tsconfigs, an example export re-exported by name, its test and a README', async () => {
    await packageGenerator(tree, { name: 'retry', skipInstall: true });

    expect(tree.read('packages/retry/tsconfig.lib.json', 'utf-8')).toContain('"outDir": "dist"');
    expect(tree.read('packages/retry/tsconfig.json', 'utf-8')).toContain('"extends": "../../tsconfig.base.json"');
    expect(tree.read('packages/retry/src/index.ts', 'utf-8')).toBe(
      "export { describeRetry } from './describe-retry.js';\nexport type { RetryDescription } from './describe-retry.js';\n",
    );
    const example = tree.read('packages/retry/src/describe-retry.ts', 'utf-8') ?? '';
    expect(example).toContain('@example');
    expect(tree.exists('packages/retry/test/unit/describe-retry.test.ts')).toBe(true);
    expect(tree.read('packages/retry/README.md', 'utf-8')).toContain('# @platform/retry');
  });

  it('adds the platform team to CODEOWNERS [Packages], sorted', async () => {
    await packageGenerator(tree, { name: 'retry', skipInstall: true, skipFormat: true });

    const packages = codeownersSection(tree, 'Packages');
    expect(packages).toContain('/packages/retry/ @acme/team-platform');
    expect(packages).toEqual([...packages].sort());
  });

  it('accepts the name with its scope', async () => {
    await packageGenerator(tree, { name: '@platform/retry', skipInstall: true, skipFormat: true });

    expect(readJson(tree, 'packages/retry/package.json').name).toBe('@platform/retry');
  });

  it('refuses an existing directory and a name that is not kebab-case', async () => {
    tree.write('packages/response/package.json', '{}');

    await expect(packageGenerator(tree, { name: 'response', skipInstall: true })).rejects.toThrow(
      'packages/response already exists',
    );
    await expect(packageGenerator(tree, { name: 'MyPackage', skipInstall: true })).rejects.toThrow(/not kebab-case/);
  });
});
