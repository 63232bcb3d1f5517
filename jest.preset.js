/**
 * The Jest settings every workspace project shares; each project's jest.config.js spreads them.
 *
 * - Tests run as native ES modules (the code uses `import.meta`), so the `test` targets start
 *   Node with `--experimental-vm-modules` (nx.json's targetDefaults set NODE_OPTIONS).
 * - TypeScript goes through @swc/jest, which strips types and keeps `import`/`export`.
 * - Workspace packages resolve to their TypeScript sources through the `@platform/source`
 *   export condition, so no test needs a build first.
 * - Source files import siblings as `./x.js` (NodeNext); the mapper lets Jest find `./x.ts`.
 */
export const sharedConfig = {
  testEnvironment: 'node',
  testEnvironmentOptions: { customExportConditions: ['@platform/source', 'node', 'node-addons'] },
  testMatch: ['<rootDir>/test/**/*.test.ts'],
  testPathIgnorePatterns: ['/node_modules/'],
  extensionsToTreatAsEsm: ['.ts'],
  moduleFileExtensions: ['ts', 'js', 'mjs', 'cjs', 'json', 'node'],
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  transform: {
    '^.+\\.ts$': [
      '@swc/jest',
      {
        jsc: { parser: { syntax: 'typescript' }, target: 'es2022' },
        module: { type: 'es6' },
        sourceMaps: 'inline',
      },
    ],
  },
  // Jest has one timeout for tests and hooks alike (Vitest had 30 s and 60 s): hooks that start
  // Postgres or the local cloud need the longer one. Suites needing more pass their own.
  testTimeout: 60_000,
};

/** A project's configuration: the shared one with `overrides` on top. */
export function projectConfig(displayName, overrides = {}) {
  return { ...sharedConfig, displayName, ...overrides };
}
