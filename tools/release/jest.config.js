import { projectConfig, sharedConfig } from '../../jest.preset.js';

// Unit tests only; the publishing workflow runs with `npm run test-slow` (jest.slow.config.js).
export default projectConfig('release', {
  testPathIgnorePatterns: [...sharedConfig.testPathIgnorePatterns, '<rootDir>/test/slow/'],
});
