import { projectConfig } from '../../jest.preset.js';

/** The publishing workflow: build, version, publish to a local Verdaccio, install elsewhere, invoke. */
export default projectConfig('release-slow', {
  testMatch: ['<rootDir>/test/slow/**/*.test.ts'],
  testTimeout: 240_000,
});
