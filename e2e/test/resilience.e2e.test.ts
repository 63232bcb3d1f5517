import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  GetQueueAttributesCommand,
  ListMessageMoveTasksCommand,
  SendMessageCommand,
  SQSClient,
  StartMessageMoveTaskCommand,
} from '@aws-sdk/client-sqs';
import { ADMIN_EMAIL, ADMIN_PASSWORD, eventually, startTestSystem, type TestSystem } from './system.js';

/**
 * The pipeline under a flaky legacy source (half of its answers fail) and a poison message:
 * nothing is lost, everything requested is eventually fetched, and what cannot be processed waits
 * in the DLQ until an SQS message move task (DLQ redrive, what `npm run dlq -- redrive` starts) brings
 * it back.
 */
describe('resilience of the financial-risk pipeline', () => {
  let t: TestSystem;
  let sqs: SQSClient;
  let token = '';
  const queue = (name: string) => `${t.cloud.endpoint}/000000000000/${name}`;
  const depth = async (name: string) => {
    const { Attributes } = await sqs.send(
      new GetQueueAttributesCommand({
        QueueUrl: queue(name),
        AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible'],
      }),
    );
    return Number(Attributes?.ApproximateNumberOfMessages) + Number(Attributes?.ApproximateNumberOfMessagesNotVisible);
  };
  const get = async (companyId: string) =>
    (
      await fetch(t.url('risk-service', `/financial-risk/${companyId}`), {
        headers: { authorization: `Bearer ${token}` },
      })
    ).status;

  beforeAll(async () => {
    // Half the legacy calls fail; readings go stale after 4 s so a refresh happens within the test.
    t = await startTestSystem({ 'fetch-service/legacy/failureRate': '0.5', 'risk-service/staleAfterSeconds': '4' });
    sqs = new SQSClient({
      endpoint: t.cloud.endpoint,
      region: t.cloud.region,
      credentials: { accessKeyId: 'e2e', secretAccessKey: 'e2e' },
    });
    token = await t.login();
  }, 240_000);
  afterAll(async () => {
    sqs?.destroy();
    await t?.stop();
  }, 240_000);

  it('eventually fetches every requested company although half of the legacy calls fail', async () => {
    const companies = Array.from({ length: 8 }, (_, i) => `flaky-${i}`);
    for (const id of companies) expect(await get(id)).toBe(202);
    // Failed fetches come back after 2 s, 4 s, 8 s, …; a GET after the cooldown also asks again.
    await eventually(
      async () => ((await Promise.all(companies.map(get))).every((code) => code === 200) ? true : undefined),
      110_000,
      1_000,
    );
    expect(t.consumerStats('fetchCompany').failed).toBeGreaterThan(0);
  }, 120_000);

  /** GET with the demo user's token, answer parsed. */
  const call = async (companyId: string) => {
    const response = await fetch(t.url('risk-service', `/financial-risk/${companyId}`), {
      headers: { authorization: `Bearer ${token}` },
    });
    return { code: response.status, body: (await response.json()) as { data: Record<string, unknown> | null } };
  };

  it('answers a stale reading with stale: true and refreshes it to a fresher one', async () => {
    await call('stale-1');
    const stale = await eventually(
      async () => {
        const answer = await call('stale-1');
        return answer.code === 200 && answer.body.data?.stale === true ? answer : undefined;
      },
      90_000,
      500,
    );
    const staleAt = Date.parse(String(stale.body.data?.fetchedAt));
    const refreshed = await eventually(
      async () => {
        const answer = await call('stale-1');
        return Date.parse(String(answer.body.data?.fetchedAt)) > staleAt ? answer : undefined;
      },
      90_000,
      500,
    );
    expect(refreshed.code).toBe(200);
  }, 200_000);

  it('moves a poison message to the DLQ after 5 receives, and a DLQ redrive (move task) brings it back', async () => {
    await sqs.send(
      new SendMessageCommand({
        QueueUrl: queue('fetch-service-local-fetch-requests'),
        MessageBody: '{"companyId":"!!"}',
      }),
    );
    await eventually(
      async () => ((await depth('fetch-service-local-fetch-requests-dlq')) === 1 ? true : undefined),
      90_000,
      1_000,
    );
    const { Attributes } = await sqs.send(
      new GetQueueAttributesCommand({
        QueueUrl: queue('fetch-service-local-fetch-requests-dlq'),
        AttributeNames: ['QueueArn'],
      }),
    );
    const dlqArn = String(Attributes?.QueueArn);
    const receivedBefore = t.consumerStats('fetchCompany').received;

    // No destination: SQS sends each message back to the queue it came from.
    const { TaskHandle } = await sqs.send(new StartMessageMoveTaskCommand({ SourceArn: dlqArn }));
    expect(TaskHandle).toEqual(expect.any(String));
    const task = await eventually(
      async () => {
        const { Results } = await sqs.send(new ListMessageMoveTasksCommand({ SourceArn: dlqArn, MaxResults: 1 }));
        const latest = Results?.[0];
        return latest && latest.Status !== 'RUNNING' ? latest : undefined;
      },
      30_000,
      250,
    );
    // The poison message, and any real request that exhausted its receives meanwhile under this
    // file's faults and load (seen once in CI): the task moves them all back, none fails.
    expect(task).toMatchObject({ Status: 'COMPLETED', SourceArn: dlqArn });
    expect(task.FailureReason).toBeUndefined();
    expect(task.DestinationArn).toBeUndefined();
    expect(task.ApproximateNumberOfMessagesMoved).toBeGreaterThanOrEqual(1);
    expect(task.ApproximateNumberOfMessagesMoved).toBe(task.ApproximateNumberOfMessagesToMove);
    expect(await depth('fetch-service-local-fetch-requests-dlq')).toBe(0);
    // Back on fetch-requests, so fetchCompany receives it again (as a new message).
    await eventually(
      async () => (t.consumerStats('fetchCompany').received > receivedBefore ? true : undefined),
      30_000,
      250,
    );
  }, 120_000);

  /** Whether a body is the platform's standard shape. */
  const standard = (body: unknown): boolean =>
    typeof body === 'object' &&
    body !== null &&
    typeof (body as { status?: unknown }).status === 'string' &&
    typeof (body as { message?: unknown }).message === 'string' &&
    'data' in body;

  it('ends a burst of 200 parallel GETs without a 500, 502 or 504, every answer standard, and serves the next', async () => {
    const answers = await Promise.all(
      Array.from({ length: 200 }, async (_, i) => {
        const response = await fetch(t.url('risk-service', `/financial-risk/load-${i % 20}`), {
          headers: { authorization: `Bearer ${token}` },
        });
        return { code: response.status, body: (await response.json()) as unknown };
      }),
    );

    const codes = answers.map((answer) => answer.code);
    expect(codes.filter((code) => [500, 502, 504].includes(code))).toEqual([]);
    expect(answers.filter((answer) => !standard(answer.body))).toEqual([]);
    expect(codes.some((code) => code === 200 || code === 202)).toBe(true);
    expect([200, 202]).toContain(await get('load-0'));
  }, 120_000);

  it('sheds a flood of a function with reserved concurrency (register: 5) with 429, Retry-After, standard body', async () => {
    const admin = await t.login(ADMIN_EMAIL, ADMIN_PASSWORD, 'auth-service');
    const answers = await Promise.all(
      Array.from({ length: 40 }, async (_, i) => {
        const response = await fetch(t.url('auth-service', '/auth/users'), {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${admin}` },
          body: JSON.stringify({ email: `flood-${i}-${Date.now()}@example.com`, password: 'a long enough password' }),
        });
        return {
          code: response.status,
          retryAfter: response.headers.get('retry-after'),
          body: (await response.json()) as unknown,
        };
      }),
    );

    const shed = answers.filter((answer) => answer.code === 429);
    expect(shed.length).toBeGreaterThan(0);
    expect(shed[0]).toMatchObject({
      retryAfter: '1',
      body: { status: 'tooManyRequests', data: { requestId: expect.any(String) } },
    });
    expect(answers.filter((answer) => answer.code >= 500)).toEqual([]);
    expect(answers.filter((answer) => !standard(answer.body))).toEqual([]);
    // The function is usable afterwards.
    expect(await t.login()).toEqual(expect.any(String));
  }, 120_000);

  it('answers a route that does not exist 404 in the standard shape, as the Gateway Responses do on AWS', async () => {
    const response = await fetch(t.url('risk-service', '/no-such-route'));

    expect(response.status).toBe(404);
    expect(await response.json()).toMatchObject({ status: 'notFound', data: { requestId: expect.any(String) } });
  });
});
