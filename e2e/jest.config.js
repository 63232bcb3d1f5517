import { projectConfig } from '../jest.preset.js';

// One system at a time: each file starts the whole local stack (hooks pass their own timeouts).
// test/stage/ holds the suite against a running stage (jest.stage.config.js): it starts nothing.
export default projectConfig('e2e', {
  testTimeout: 60_000,
  maxWorkers: 1,
  testPathIgnorePatterns: ['/node_modules/', '<rootDir>/test/stage/'],
});
