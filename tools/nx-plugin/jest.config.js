import { projectConfig, sharedConfig } from '../../jest.preset.js';

// The generators' workflow tests (test/slow) run in `test-slow` only: see jest.slow.config.js.
export default projectConfig('nx-plugin', {
  testPathIgnorePatterns: [...sharedConfig.testPathIgnorePatterns, '<rootDir>/test/slow/'],
});
