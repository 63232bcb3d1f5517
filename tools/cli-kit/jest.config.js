import { projectConfig } from '../../jest.preset.js';

export default projectConfig('cli-kit');
