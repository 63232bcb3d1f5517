import { defineProject } from 'vitest/config';
import { sharedConfig } from '../../vitest.shared.js';

/**
 * The slow suite (`test-slow`): the generators run for real in a throwaway clone of the workspace,
 * and Nx lints, typechecks, tests, packages and builds what they produce (two to three minutes).
 * Spread rather than mergeConfig, which would add the unit tests' `include` to this one.
 */
export default defineProject({
  ...sharedConfig,
  test: {
    ...sharedConfig.test,
    name: 'nx-plugin-slow',
    include: ['test/slow/**/*.test.ts'],
    testTimeout: 300_000,
    hookTimeout: 120_000,
  },
});
