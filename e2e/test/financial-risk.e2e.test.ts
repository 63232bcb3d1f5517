import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { GetQueueAttributesCommand, SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { financialRiskFlow } from './flows/financial-risk.flow.js';
import { connectToStage, type StageTarget } from './stage-target.js';
import { eventually, startTestSystem, type TestSystem } from './system.js';

describe('the financial-risk flow on the local system', () => {
  let t: TestSystem;
  let stage: StageTarget;
  let token = '';
  const get = (path: string) => stage.send('risk-service', path, { token });

  beforeAll(async () => {
    // A legacy source that never fails, so the flow is deterministic; latency stays realistic-ish.
    // A cooldown longer than any test here, so de-duplication is measured, not the cooldown's expiry.
    t = await startTestSystem({
      'fetch-service/legacy/failureRate': '0',
      'risk-service/refreshCooldownSeconds': '300',
      // Generous, so a fetch slowed by the 1,000-request burst is not retried (deliveries = requests).
      'fetch-service/legacy/timeoutMs': '15000',
    });
    // Found as the suite against a deployed stage finds one, with a test user of its own.
    stage = await connectToStage({ stage: 'local', endpoint: t.cloud.endpoint, region: t.cloud.region });
    const user = await stage.createUser(['risk-operator'], 'risk');
    token = await stage.login(user.email, user.password);
  }, 240_000);
  afterAll(async () => {
    await stage?.cleanup();
    await t?.stop();
  }, 240_000);

  // The flow `STAGE=<stage> npm run test:integration` runs against a deployed stage.
  financialRiskFlow(() => ({ target: stage, token }));

  // Local only: they count the consumers' invocations and send to the local queues directly.
  it('sends one fetch request for 1,000 GETs of one new company', async () => {
    // Earlier tests' fetch requests must be consumed first, so the count below is burst-1's alone.
    const sqs = new SQSClient({
      endpoint: t.cloud.endpoint,
      region: t.cloud.region,
      credentials: { accessKeyId: 'e2e', secretAccessKey: 'e2e' },
    });
    const queueUrl = `${t.cloud.endpoint}/000000000000/fetch-service-local-fetch-requests`;
    await eventually(async () => {
      const { Attributes = {} } = await sqs.send(
        new GetQueueAttributesCommand({
          QueueUrl: queueUrl,
          AttributeNames: [
            'ApproximateNumberOfMessages',
            'ApproximateNumberOfMessagesNotVisible',
            'ApproximateNumberOfMessagesDelayed',
          ],
        }),
      );
      const pending = Object.values(Attributes).reduce((sum, value) => sum + Number(value), 0);
      return pending === 0 && t.consumerStats('fetchCompany').inFlight === 0 ? true : undefined;
    });
    sqs.destroy();
    const before = t.consumerStats('fetchCompany').received;
    const codes: number[] = [];
    const ids = Array.from({ length: 1000 }, (_, i) => i);
    // 10 requests in flight at a time: serverless-offline starts a worker (a cold start) per concurrent
    // invocation, and dozens of cold starts at once on a 2-core box can outlast the 10 s function timeout.
    for (let i = 0; i < ids.length; i += 10) {
      const answers = await Promise.all(ids.slice(i, i + 10).map(() => get('/financial-risk/burst-1')));
      codes.push(...answers.map((a) => a.code));
    }
    expect(codes.every((code) => code === 202 || code === 200)).toBe(true);
    await eventually(async () => ((await get('/financial-risk/burst-1')).code === 200 ? true : undefined));
    const stats = t.consumerStats('fetchCompany');
    expect({ stats, receivedSince: stats.received - before }).toMatchObject({ receivedSince: 1 });
  });

  it('never lets a redelivered or older update overwrite a newer reading', async () => {
    const current = await eventually(async () => {
      const answer = await get('/financial-risk/order-1');
      return answer.code === 200 ? answer : undefined;
    });
    const sqs = new SQSClient({
      endpoint: t.cloud.endpoint,
      region: t.cloud.region,
      credentials: { accessKeyId: 'e2e', secretAccessKey: 'e2e' },
    });
    const before = t.consumerStats('applyRiskUpdate').succeeded;
    const flipped = current.body.data?.status === 'reliable' ? 'indebted' : 'reliable';
    for (const fetchedAt of ['2020-01-01T00:00:00.000Z', String(current.body.data?.fetchedAt)]) {
      await sqs.send(
        new SendMessageCommand({
          QueueUrl: `${t.cloud.endpoint}/000000000000/risk-service-local-risk-updates`,
          MessageBody: JSON.stringify({ companyId: 'order-1', status: flipped, fetchedAt }),
        }),
      );
    }
    sqs.destroy();
    await eventually(async () => (t.consumerStats('applyRiskUpdate').succeeded - before >= 2 ? true : undefined));
    const after = await get('/financial-risk/order-1');
    expect(after.body.data).toMatchObject({
      status: current.body.data?.status,
      fetchedAt: current.body.data?.fetchedAt,
    });
  });
});
