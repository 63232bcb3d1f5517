import { projectConfig } from '../../jest.preset.js';

// In-process CLI runs would otherwise warn about Node 20 on every AWS SDK client.
export default projectConfig('queues', { setupFiles: ['<rootDir>/test/helpers/quiet-sdk.ts'] });
