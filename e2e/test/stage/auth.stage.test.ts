import { afterAll, beforeAll, describe } from '@jest/globals';
import { authFlow } from '../flows/auth.flow.js';
import { connectToStage, stageFromEnvironment, type StageTarget } from '../stage-target.js';

const connection = stageFromEnvironment();

describe(`auth-service and the protected risk API on stage ${connection.stage}`, () => {
  let target: StageTarget;
  beforeAll(async () => {
    target = await connectToStage(connection);
  });
  afterAll(async () => {
    await target?.cleanup();
  });

  authFlow(() => target);
});
