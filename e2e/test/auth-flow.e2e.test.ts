import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { authFlow } from './flows/auth.flow.js';
import { connectToStage, type StageTarget } from './stage-target.js';
import { DEMO_EMAIL, DEMO_PASSWORD, startTestSystem, type TestSystem } from './system.js';

describe('auth-service and the protected risk API on the local system', () => {
  let t: TestSystem;
  let stage: StageTarget;
  beforeAll(async () => {
    t = await startTestSystem();
    // Found as the suite against a deployed stage finds one: from what the stacks published.
    stage = await connectToStage({ stage: 'local', endpoint: t.cloud.endpoint, region: t.cloud.region });
  }, 240_000);
  afterAll(async () => {
    await stage?.cleanup();
    await t?.stop();
  }, 240_000);

  // The flow `STAGE=<stage> npm run test:integration` runs against a deployed stage.
  authFlow(() => stage);

  // Local only: the demo user and the local 2 s grace (params/local.yml).
  it('answers a retried refresh with the same successor within the grace interval, and revokes the family after it', async () => {
    const login = await stage.send('auth-service', '/auth/token', {
      method: 'POST',
      body: { email: DEMO_EMAIL, password: DEMO_PASSWORD },
    });
    const { refreshToken } = login.body.data as { refreshToken: string };
    const rotated = await stage.send('auth-service', '/auth/token/refresh', { method: 'POST', body: { refreshToken } });
    const { refreshToken: newer } = rotated.body.data as { refreshToken: string };
    const retried = await stage.send('auth-service', '/auth/token/refresh', { method: 'POST', body: { refreshToken } });
    expect(retried.code).toBe(200);
    expect((retried.body.data as { refreshToken: string }).refreshToken).toBe(newer);

    await new Promise((resolve) => setTimeout(resolve, 2_100)); // the local grace: 2 s (params/local.yml)
    expect(
      (await stage.send('auth-service', '/auth/token/refresh', { method: 'POST', body: { refreshToken } })).code,
    ).toBe(401);
    expect(
      (await stage.send('auth-service', '/auth/token/refresh', { method: 'POST', body: { refreshToken: newer } })).code,
    ).toBe(401);
  });
});
