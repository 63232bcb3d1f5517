import { projectConfig } from '../../jest.preset.js';

/**
 * The slow suite (`test-slow`): the generators run for real in a throwaway clone of the workspace,
 * and Nx lints, typechecks, tests, packages and builds what they produce (two to three minutes).
 */
export default projectConfig('nx-plugin-slow', {
  testMatch: ['<rootDir>/test/slow/**/*.test.ts'],
  testTimeout: 300_000,
});
