import { projectConfig } from '../jest.preset.js';

// One system at a time: each file starts the whole local stack (hooks pass their own timeouts).
export default projectConfig('e2e', { testTimeout: 60_000, maxWorkers: 1 });
