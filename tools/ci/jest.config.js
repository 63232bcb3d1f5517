import { projectConfig, sharedConfig } from '../../jest.preset.js';

// The gitlab-ci-local rehearsal (test/slow) runs in `test-slow` only: see jest.slow.config.js.
export default projectConfig('ci', {
  testPathIgnorePatterns: [...sharedConfig.testPathIgnorePatterns, '<rootDir>/test/slow/'],
});
