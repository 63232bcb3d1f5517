import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { GetQueueAttributesCommand, SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { eventually, startTestSystem, type TestSystem } from './system.js';

interface Answer {
  status: string;
  message: string;
  data: Record<string, unknown> | null;
}

let token = '';

const call = async (url: string, init: RequestInit = {}): Promise<{ code: number; headers: Headers; body: Answer }> => {
  const response = await fetch(url, { ...init, headers: { authorization: `Bearer ${token}`, ...init.headers } });
  const text = await response.text();
  let body: Answer;
  try {
    body = JSON.parse(text) as Answer;
  } catch {
    throw new Error(`HTTP ${response.status} with a body that is not JSON: ${text.slice(0, 200)}`);
  }
  return { code: response.status, headers: response.headers, body };
};

describe('the financial-risk flow on the local system', () => {
  let t: TestSystem;
  beforeAll(async () => {
    // A legacy source that never fails, so the flow is deterministic; latency stays realistic-ish.
    // A cooldown longer than any test here, so de-duplication is measured, not the cooldown's expiry.
    t = await startTestSystem({
      'fetch-service/legacy/failureRate': '0',
      'risk-service/refreshCooldownSeconds': '300',
      // Generous, so a fetch slowed by the 1,000-request burst is not retried (deliveries = requests).
      'fetch-service/legacy/timeoutMs': '15000',
    });
    token = await t.login();
  }, 240_000);
  afterAll(async () => {
    await t?.stop();
  }, 240_000);

  it('answers 202 for a new company, then the fetched risk once fetch-service has delivered it', async () => {
    const first = await call(t.url('risk-service', '/financial-risk/acme-42'));
    expect(first.code).toBe(202);
    expect(first.body).toMatchObject({ status: 'accepted', data: { companyId: 'acme-42' } });
    expect(first.headers.get('retry-after')).toMatch(/^\d+$/);

    const answer = await eventually(async () => {
      const next = await call(t.url('risk-service', '/financial-risk/acme-42'));
      return next.code === 200 ? next : undefined;
    });
    expect(answer.body.status).toBe('success');
    expect(answer.body.data).toMatchObject({ companyId: 'acme-42', stale: false });
    expect(['reliable', 'indebted']).toContain(answer.body.data?.status);
    expect(answer.body.data?.statusChangedAt).toBe(answer.body.data?.fetchedAt);
  });

  it('answers 404 for a company the legacy source does not know', async () => {
    expect((await call(t.url('risk-service', '/financial-risk/unknown-7'))).code).toBe(202);
    const answer = await eventually(async () => {
      const next = await call(t.url('risk-service', '/financial-risk/unknown-7'));
      return next.code === 404 ? next : undefined;
    });
    expect(answer.body.status).toBe('notFound');
  });

  it('accepts a forced refresh and de-duplicates a second one within the cooldown', async () => {
    const first = await call(t.url('risk-service', '/financial-risk/beta-1/refresh'), { method: 'POST' });
    const second = await call(t.url('risk-service', '/financial-risk/beta-1/refresh'), { method: 'POST' });
    expect([first.code, second.code]).toEqual([202, 202]);
    expect(first.body.data).toEqual({ companyId: 'beta-1', sent: true });
    expect(second.body.data).toEqual({ companyId: 'beta-1', sent: false });
  });

  it('refuses an invalid company id with 400 in the standard shape', async () => {
    const answer = await call(t.url('risk-service', '/financial-risk/not%20valid!'));
    expect(answer.code).toBe(400);
    expect(answer.body).toMatchObject({ status: 'badRequest' });
    expect(JSON.stringify(answer.body)).not.toMatch(/at .*\(.*\.ts:\d+/);
  });

  it('serves the stand-in legacy source with a deterministic status per id', async () => {
    const a = await call(t.url('fetch-service', '/legacy/financial-risk/acme-42'));
    const b = await call(t.url('fetch-service', '/legacy/financial-risk/acme-42'));
    expect(a.code).toBe(200);
    expect(a.body.data?.status).toBe(b.body.data?.status);
  });

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
      const answers = await Promise.all(
        ids.slice(i, i + 10).map(() => call(t.url('risk-service', '/financial-risk/burst-1'))),
      );
      codes.push(...answers.map((a) => a.code));
    }
    expect(codes.every((code) => code === 202 || code === 200)).toBe(true);
    await eventually(async () =>
      (await call(t.url('risk-service', '/financial-risk/burst-1'))).code === 200 ? true : undefined,
    );
    const stats = t.consumerStats('fetchCompany');
    expect({ stats, receivedSince: stats.received - before }).toMatchObject({ receivedSince: 1 });
  });

  it('never lets a redelivered or older update overwrite a newer reading', async () => {
    const current = await eventually(async () => {
      const answer = await call(t.url('risk-service', '/financial-risk/order-1'));
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
    const after = await call(t.url('risk-service', '/financial-risk/order-1'));
    expect(after.body.data).toMatchObject({
      status: current.body.data?.status,
      fetchedAt: current.body.data?.fetchedAt,
    });
  });

  it('answers bad bodies with 400, never 5xx', async () => {
    const malformed = await call(t.url('risk-service', '/financial-risk/acme-42/refresh'), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"not json',
    });
    expect(malformed.code).toBe(400);
    const wrongType = await call(t.url('risk-service', '/financial-risk/acme-42/refresh'), {
      method: 'POST',
      headers: { 'content-type': 'text/plain' },
      body: 'hello',
    });
    expect(wrongType.code).toBe(400);
  });
});
