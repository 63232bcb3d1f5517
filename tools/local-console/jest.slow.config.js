import { projectConfig } from '../../jest.preset.js';

/**
 * The slow suite (`test-slow`): `npm start`'s whole system with the console, driven in headless
 * Chromium (Debian's `chromium`, through playwright-core).
 */
export default projectConfig('local-console-slow', {
  testMatch: ['<rootDir>/test/slow/**/*.test.ts'],
  testTimeout: 300_000,
});
