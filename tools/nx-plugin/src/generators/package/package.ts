import { fileURLToPath } from 'node:url';
import {
  formatFiles,
  generateFiles,
  joinPathFragments,
  offsetFromRoot,
  writeJson,
  type GeneratorCallback,
  type Tree,
} from '@nx/devkit';
import { addCodeowner } from '../utils/codeowners.js';
import { installWorkspace } from '../utils/install-workspace.js';
import { assertKebabCase, nameForms } from '../utils/names.js';

/** Options of `nx g @platform/nx-plugin:package` (see schema.json). */
export interface PackageGeneratorOptions {
  /** kebab-case, without the scope: `retry` → packages/retry, `@platform/retry`. */
  name: string;
  /** One line for package.json and the README. */
  description?: string;
  /** Leave package-lock.json alone (tests); run `npm install` yourself afterwards. */
  skipInstall?: boolean;
  skipFormat?: boolean;
}

const FILES = fileURLToPath(new URL('./files', import.meta.url));

const packageJson = (name: string, description: string) => ({
  name: `@platform/${name}`,
  version: '0.1.0',
  description,
  type: 'module',
  license: 'UNLICENSED',
  exports: {
    '.': { '@platform/source': './src/index.ts', types: './dist/index.d.ts', default: './dist/index.js' },
    './package.json': './package.json',
  },
  main: './dist/index.js',
  types: './dist/index.d.ts',
  files: ['dist', 'README.md'],
  sideEffects: false,
  scripts: {
    build: 'tsc -p tsconfig.lib.json',
    typecheck: 'tsc -p tsconfig.json --noEmit',
    lint: 'eslint .',
  },
  publishConfig: { access: 'restricted' },
  nx: { tags: ['scope:package', 'team:platform'] },
});

/**
 * Creates `packages/<name>` (`@platform/<name>`), shaped like the other platform packages: exports
 * with the `@platform/source` condition, a `build` to dist, publish settings, an example export
 * with its unit test and a README; adds the CODEOWNERS line; then runs `npm install`.
 *
 * @example
 * nx g @platform/nx-plugin:package retry --description "Retries with back-off"
 */
export const packageGenerator = async (tree: Tree, options: PackageGeneratorOptions): Promise<GeneratorCallback> => {
  const name = options.name.trim().replace(/^@platform\//, '');
  assertKebabCase(name, 'package name', 40);
  const root = joinPathFragments('packages', name);
  if (tree.exists(root)) throw new Error(`${root} already exists: choose another name.`);
  const description = options.description?.trim() || `@platform/${name}: what it is for, in one line.`;

  writeJson(tree, joinPathFragments(root, 'package.json'), packageJson(name, description));
  generateFiles(tree, FILES, root, { ...nameForms(name), description, offsetFromRoot: offsetFromRoot(root), tmpl: '' });
  addCodeowner(tree, { section: 'Packages', path: `/${root}/`, owner: '@acme/team-platform' });

  if (!options.skipFormat) await formatFiles(tree);
  return () => {
    if (!options.skipInstall) installWorkspace(tree.root);
  };
};
