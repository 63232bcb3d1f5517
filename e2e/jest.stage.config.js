import { projectConfig } from '../jest.preset.js';

/**
 * `STAGE=<stage> npm run test:integration`: the flow tests against a stage that is already running
 * (a deployed one, or `local` for a running `npm start`), found from what its stacks published in
 * Parameter Store (test/stage-target.ts). Starts nothing; cleans up what it creates.
 */
export default projectConfig('e2e-stage', {
  testMatch: ['<rootDir>/test/stage/**/*.stage.test.ts'],
  // A deployed stage answers a new company within seconds to a minute (queue, legacy, retries).
  testTimeout: 180_000,
  maxWorkers: 1,
  // Every flow step by name in the job's log, with the stage it ran on.
  verbose: true,
});
