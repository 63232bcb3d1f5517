import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';
import nx from '@nx/eslint-plugin';

/**
 * `@nx/enforce-module-boundaries` for `files`: each source tag may only import projects with one
 * of the listed tags (tags are in each package.json under "nx").
 */
function moduleBoundaries(files, allowed) {
  const depConstraints = Object.entries(allowed).map(([sourceTag, tags]) => ({
    sourceTag,
    onlyDependOnLibsWithTags: tags,
  }));
  return [
    {
      files,
      plugins: { '@nx': nx },
      rules: {
        '@nx/enforce-module-boundaries': ['error', { enforceBuildableLibDependency: false, depConstraints }],
      },
    },
  ];
}

export default tseslint.config(
  {
    ignores: ['**/node_modules/**', '**/dist/**', '**/.serverless/**', '**/.esbuild/**', '**/.nx/**', '**/coverage/**'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      ecmaVersion: 2023,
      sourceType: 'module',
      globals: { ...globals.node },
    },
    rules: {
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-syntax': [
        'error',
        { selector: 'ExportAllDeclaration', message: 'Re-export names explicitly (no `export *`).' },
      ],
    },
  },
  ...moduleBoundaries(['**/src/**/*.{ts,js,mjs,cjs}'], {
    // Production code: services build on packages only, never on another service or a tool;
    // packages only on packages. Checked on the Nx project graph, so both `@platform/...` imports
    // and relative paths that cross into another project count.
    'scope:package': ['scope:package'],
    'scope:service': ['scope:package'],
    'scope:tool': ['scope:package', 'scope:tool'],
    'scope:e2e': ['scope:package', 'scope:tool'],
  }),
  ...moduleBoundaries(['**/test/**/*.ts', '**/bench/**/*.ts'], {
    // Tests may also use the tools (the local cloud, CloudFormation assertions), still never another service.
    'scope:package': ['scope:package', 'scope:tool'],
    'scope:service': ['scope:package', 'scope:tool'],
    'scope:tool': ['scope:package', 'scope:tool'],
    'scope:e2e': ['scope:package', 'scope:tool'],
  }),
  {
    // The local console's page runs in the browser.
    files: ['tools/local-console/public/**/*.js'],
    languageOptions: { globals: { ...globals.browser } },
  },
  {
    files: ['**/*.cjs', '**/*.js', '**/*.mjs'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
