import { afterAll, beforeAll, describe } from '@jest/globals';
import { financialRiskFlow } from '../flows/financial-risk.flow.js';
import { connectToStage, stageFromEnvironment, type StageTarget } from '../stage-target.js';

const connection = stageFromEnvironment();

describe(`the financial-risk flow on stage ${connection.stage}`, () => {
  let target: StageTarget;
  let token = '';
  beforeAll(async () => {
    target = await connectToStage(connection);
    const user = await target.createUser(['risk-operator'], 'risk');
    token = await target.login(user.email, user.password);
  });
  afterAll(async () => {
    await target?.cleanup();
  });

  financialRiskFlow(() => ({ target, token }));
});
