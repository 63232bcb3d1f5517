import { projectConfig } from '../../jest.preset.js';

export default projectConfig('local-console', { testPathIgnorePatterns: ['/node_modules/', '/test/slow/'] });
