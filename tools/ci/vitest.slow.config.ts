import { defineProject } from 'vitest/config';
import { sharedConfig } from '../../vitest.shared.js';

/**
 * Runs .gitlab-ci.yml's jobs with gitlab-ci-local in a clone of the repository (a minute or two).
 * Spread rather than mergeConfig, which would add the unit tests' `include` to this one.
 */
export default defineProject({
  ...sharedConfig,
  test: {
    ...sharedConfig.test,
    name: 'ci-slow',
    include: ['test/slow/**/*.test.ts'],
    testTimeout: 240_000,
    hookTimeout: 120_000,
  },
});
