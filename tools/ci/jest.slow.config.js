import { projectConfig } from '../../jest.preset.js';

/** Runs .gitlab-ci.yml's jobs with gitlab-ci-local in a clone of the repository (a minute or two). */
export default projectConfig('ci-slow', {
  testMatch: ['<rootDir>/test/slow/**/*.test.ts'],
  testTimeout: 240_000,
});
