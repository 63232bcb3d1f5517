import { projectConfig } from '../../jest.preset.js';

export default projectConfig('cfn-assertions');
