import { request } from 'node:http';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { CreateTableCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';
import {
  CreateQueueCommand,
  GetQueueAttributesCommand,
  ReceiveMessageCommand,
  SendMessageCommand,
} from '@aws-sdk/client-sqs';
import { GetParameterCommand, PutParameterCommand } from '@aws-sdk/client-ssm';
import { startTestCloud, type TestCloud } from '@platform/local-cloud/testing';
import { createConsoleFeed, MASK, startConsole, type LocalConsole } from '../src/index.js';

const root = fileURLToPath(new URL('../../../', import.meta.url));

interface Answer {
  code: number;
  body: { status: string; message: string; data: any }; // eslint-disable-line @typescript-eslint/no-explicit-any
}

describe('the local console API over a real local cloud', () => {
  let t: TestCloud;
  let console_: LocalConsole;
  let dlqUrl: string;
  let sourceUrl: string;

  const call = async (path: string, init: RequestInit = {}): Promise<Answer> => {
    const response = await fetch(`${console_.url}${path}`, init);
    return { code: response.status, body: (await response.json()) as Answer['body'] };
  };
  const put = (body: unknown) =>
    call('/api/parameters', {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
  const attributes = async (QueueUrl: string) =>
    (await t.sqs.send(new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ['All'] }))).Attributes ?? {};

  beforeAll(async () => {
    t = await startTestCloud({ postgres: false });
    const dlq = await t.sqs.send(new CreateQueueCommand({ QueueName: 'fetch-service-local-fetch-requests-dlq' }));
    dlqUrl = dlq.QueueUrl as string;
    const { QueueArn } = await attributes(dlqUrl);
    const source = await t.sqs.send(
      new CreateQueueCommand({
        QueueName: 'fetch-service-local-fetch-requests',
        Attributes: { RedrivePolicy: JSON.stringify({ deadLetterTargetArn: QueueArn, maxReceiveCount: 1 }) },
      }),
    );
    sourceUrl = source.QueueUrl as string;
    // fetch-service's settings, valid as a whole (so a change is judged on its own, as on a real stage)
    for (const [key, value] of Object.entries({
      'legacy/baseUrl': 'http://127.0.0.1:3002',
      'legacy/minLatencyMs': '200',
      'queues/fetchRequests/url': sourceUrl,
      'queues/riskUpdates/url': 'http://127.0.0.1:4566/000000000000/risk-service-local-risk-updates',
    })) {
      await t.ssm.send(
        new PutParameterCommand({ Name: `/platform/local/fetch-service/${key}`, Value: value, Type: 'String' }),
      );
    }
    await t.ssm.send(
      new PutParameterCommand({
        Name: '/platform/local/fetch-service/legacy/maxLatencyMs',
        Value: '700',
        Type: 'String',
      }),
    );
    await t.ssm.send(
      new PutParameterCommand({
        Name: '/platform/local/auth-service/bootstrapAdmin/password',
        Value: 'hunter2-hunter2',
        Type: 'SecureString',
      }),
    );
    await t.ssm.send(
      new PutParameterCommand({ Name: '/platform/local/shared/logLevel', Value: 'info', Type: 'String' }),
    );
    console_ = await startConsole(
      {
        stage: 'local',
        cloud: t.cloud,
        root,
        awsTimeoutMs: 1_000,
        services: [{ name: 'auth-service' }, { name: 'fetch-service' }, { name: 'risk-service' }],
      },
      createConsoleFeed(),
      { port: 0 },
    );
  });
  afterAll(async () => {
    await console_?.stop();
    await t?.stop();
  });

  describe('queues', () => {
    it('lists queues with their counts and which is whose dead-letter queue', async () => {
      await t.sqs.send(new SendMessageCommand({ QueueUrl: sourceUrl, MessageBody: 'waiting' }));

      const answer = await call('/api/queues');

      expect(answer.code).toBe(200);
      expect(answer.body.data).toEqual([
        expect.objectContaining({
          name: 'fetch-service-local-fetch-requests',
          visible: 1,
          inFlight: 0,
          delayed: 0,
          deadLetterFor: [],
          deadLetterQueue: 'fetch-service-local-fetch-requests-dlq',
          maxReceiveCount: 1,
        }),
        expect.objectContaining({
          name: 'fetch-service-local-fetch-requests-dlq',
          deadLetterFor: ['fetch-service-local-fetch-requests'],
        }),
      ]);
    });

    it('peeks at a DLQ without consuming, then redrives it to the queue it came from', async () => {
      // Prepare: dead-letter the waiting message (maxReceiveCount 1: the second receive moves it)
      await t.sqs.send(new ReceiveMessageCommand({ QueueUrl: sourceUrl, VisibilityTimeout: 0 }));
      await t.sqs.send(new ReceiveMessageCommand({ QueueUrl: sourceUrl, VisibilityTimeout: 0 }));
      expect((await attributes(dlqUrl)).ApproximateNumberOfMessages).toBe('1');

      // Act: peek twice, in parallel with a listing
      const [first, second, listing] = await Promise.all([
        call('/api/queues/fetch-service-local-fetch-requests-dlq/messages'),
        call('/api/queues/fetch-service-local-fetch-requests-dlq/messages?max=1'),
        call('/api/queues'),
      ]);

      // Assess: seen, still there, not received
      expect(first.code).toBe(200);
      expect(first.body.data.messages).toEqual([
        expect.objectContaining({ body: 'waiting', state: 'visible', receiveCount: 0 }),
      ]);
      expect(second.body.data.messages).toHaveLength(1);
      expect(listing.code).toBe(200);
      expect(await attributes(dlqUrl)).toMatchObject({
        ApproximateNumberOfMessages: '1',
        ApproximateNumberOfMessagesNotVisible: '0',
      });

      // Act: redrive
      const redrive = await call('/api/queues/fetch-service-local-fetch-requests-dlq/redrive', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{}',
      });

      // Assess: back in the source queue, the DLQ empty
      expect(redrive.code).toBe(200);
      expect(redrive.body).toMatchObject({ status: 'success', data: { taskHandle: expect.any(String), messages: 1 } });
      let moved = '0';
      for (let i = 0; i < 50 && moved !== '1'; i += 1) {
        moved = (await attributes(sourceUrl)).ApproximateNumberOfMessages ?? '0';
        if (moved !== '1') await new Promise((resolve) => setTimeout(resolve, 100));
      }
      expect(moved).toBe('1');
      expect((await attributes(dlqUrl)).ApproximateNumberOfMessages).toBe('0');
    });

    it('redrives a message sent straight to the DLQ to its one source queue, and says when a redrive cannot start', async () => {
      await t.sqs.send(new SendMessageCommand({ QueueUrl: dlqUrl, MessageBody: 'sent to the DLQ by hand' }));
      const json = { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' };
      const before = Number((await attributes(sourceUrl)).ApproximateNumberOfMessages);

      const redrive = await call('/api/queues/fetch-service-local-fetch-requests-dlq/redrive', json);

      expect([redrive.code, redrive.body.data.destination]).toEqual([200, 'fetch-service-local-fetch-requests']);
      let after = before;
      for (let i = 0; i < 50 && after === before; i += 1) {
        after = Number((await attributes(sourceUrl)).ApproximateNumberOfMessages);
        if (after === before) await new Promise((resolve) => setTimeout(resolve, 100));
      }
      expect(after).toBe(before + 1);
      expect((await attributes(dlqUrl)).ApproximateNumberOfMessages).toBe('0');
    });

    it('refuses a redrive of a queue that is nobody’s DLQ, an unknown queue and a name that is no queue name', async () => {
      const json = { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' };
      const notDlq = await call('/api/queues/fetch-service-local-fetch-requests/redrive', json);
      const unknown = await call('/api/queues/nope/messages');
      const bad = await call(`/api/queues/${encodeURIComponent('a b;c')}/messages`);
      const tooMany = await call('/api/queues/fetch-service-local-fetch-requests-dlq/messages?max=1000');

      expect([notDlq.code, notDlq.body.status]).toEqual([400, 'badRequest']);
      expect(notDlq.body.message).toContain("is no queue's dead-letter queue");
      expect([unknown.code, unknown.body.status, unknown.body.message]).toEqual([
        404,
        'notFound',
        'no queue named nope',
      ]);
      expect([bad.code, bad.body.message]).toEqual([400, '"a b;c" is not a queue name']);
      expect([tooMany.code, tooMany.body.message]).toEqual([400, 'max must be a whole number from 1 to 100']);
    });
  });

  describe('Parameter Store', () => {
    it('lists each service’s settings and the shared ones, secrets masked', async () => {
      const answer = await call('/api/parameters');

      expect(answer.code).toBe(200);
      const auth = answer.body.data.services.find((entry: { service: string }) => entry.service === 'auth-service');
      expect(auth.parameters).toEqual([
        expect.objectContaining({ key: 'bootstrapAdmin/password', value: MASK, secret: true, type: 'SecureString' }),
      ]);
      expect(JSON.stringify(answer.body)).not.toContain('hunter2');
      expect(answer.body.data.shared.parameters).toEqual([
        expect.objectContaining({ key: 'logLevel', value: 'info', secret: false }),
      ]);
    });

    it('refuses an invalid value with the params CLI’s reasons and writes nothing', async () => {
      const answer = await put({ service: 'fetch-service', key: 'legacy/maxLatencyMs', value: '100' }); // below minLatencyMs

      expect(answer.code).toBe(400);
      expect(answer.body.status).toBe('badRequest');
      expect(answer.body.message).toContain('refused, nothing was written');
      expect(answer.body.message).toContain('legacy/maxLatencyMs: must not be below minLatencyMs');
      const { Parameter } = await t.ssm.send(
        new GetParameterCommand({ Name: '/platform/local/fetch-service/legacy/maxLatencyMs' }),
      );
      expect(Parameter?.Value).toBe('700');
    });

    it('refuses a key the schema does not have, and a request that names no known service', async () => {
      const typo = await put({ service: 'fetch-service', key: 'legacy/maxLatencyMS', value: '900' });
      const stranger = await put({ service: 'billing-service', key: 'x', value: '1' });
      const shapeless = await put({ service: 'fetch-service', key: '../../etc', value: '1' });

      expect([typo.code, typo.body.status]).toEqual([400, 'badRequest']);
      expect(typo.body.message).toMatch(/maxLatencyMS/);
      expect([stranger.code, stranger.body.message]).toEqual([
        400,
        'service must be one of auth-service, fetch-service, risk-service',
      ]);
      expect(shapeless.code).toBe(400);
    });

    it('applies a valid value, as `npm run params -- set` would, and a secret as a SecureString', async () => {
      const answer = await put({ service: 'fetch-service', key: 'legacy/maxLatencyMs', value: '900' });
      const secret = await put({
        service: 'auth-service',
        key: 'bootstrapAdmin/password',
        value: 'a-new-long-passphrase-1',
        secure: true,
      });

      expect(answer.code).toBe(200);
      expect(answer.body.message).toBe('set legacy/maxLatencyMs = 900 (String, version 2; was 700)');
      const { Parameter } = await t.ssm.send(
        new GetParameterCommand({ Name: '/platform/local/fetch-service/legacy/maxLatencyMs' }),
      );
      expect(Parameter?.Value).toBe('900');
      expect(secret.code).toBe(200);
      expect(JSON.stringify(secret.body)).not.toContain('a-new-long-passphrase-1');
      const stored = await t.ssm.send(
        new GetParameterCommand({ Name: '/platform/local/auth-service/bootstrapAdmin/password', WithDecryption: true }),
      );
      expect([stored.Parameter?.Type, stored.Parameter?.Value]).toEqual(['SecureString', 'a-new-long-passphrase-1']);
    });
  });

  describe('DynamoDB tables', () => {
    it('counts every item and pages through them with the cursor it gave', async () => {
      await t.dynamodb.send(
        new CreateTableCommand({
          TableName: 'risk-service-local-risk',
          KeySchema: [{ AttributeName: 'companyId', KeyType: 'HASH' }],
          AttributeDefinitions: [{ AttributeName: 'companyId', AttributeType: 'S' }],
          BillingMode: 'PAY_PER_REQUEST',
        }),
      );
      await Promise.all(
        Array.from({ length: 45 }, (_, i) =>
          t.dynamodb.send(
            new PutItemCommand({
              TableName: 'risk-service-local-risk',
              Item: { companyId: { S: `co-${i}` }, status: { S: 'reliable' } },
            }),
          ),
        ),
      );

      const tables = await call('/api/tables');
      const first = await call('/api/tables/risk-service-local-risk/items?limit=20');
      const second = await call(`/api/tables/risk-service-local-risk/items?limit=20&cursor=${first.body.data.next}`);
      const third = await call(`/api/tables/risk-service-local-risk/items?limit=20&cursor=${second.body.data.next}`);

      expect(tables.body.data).toEqual([
        { name: 'risk-service-local-risk', items: 45, keys: [{ name: 'companyId', type: 'HASH' }], indexes: [] },
      ]);
      const ids = [first, second, third].flatMap((page) =>
        page.body.data.items.map((item: { companyId: string }) => item.companyId),
      );
      expect(ids).toHaveLength(45);
      expect(new Set(ids).size).toBe(45);
      expect(first.body.data.items[0]).toEqual({ companyId: expect.stringMatching(/^co-/), status: 'reliable' });
    });

    it('shows numbers JavaScript cannot hold as their digits, sets as lists and binary as base64', async () => {
      await t.dynamodb.send(
        new PutItemCommand({
          TableName: 'risk-service-local-risk',
          Item: {
            companyId: { S: 'zz-odd-types' },
            big: { N: '12345678901234567890' },
            small: { N: '42.5' },
            tags: { SS: ['a', 'b'] },
            blob: { B: new Uint8Array([1, 2, 3]) },
          },
        }),
      );

      const pages = [];
      let cursor: string | undefined;
      do {
        const page = await call(
          `/api/tables/risk-service-local-risk/items?limit=100${cursor ? `&cursor=${cursor}` : ''}`,
        );
        expect(page.code).toBe(200);
        pages.push(...page.body.data.items);
        cursor = page.body.data.next;
      } while (cursor);

      expect(pages.find((item: { companyId: string }) => item.companyId === 'zz-odd-types')).toEqual({
        companyId: 'zz-odd-types',
        big: '12345678901234567890',
        small: 42.5,
        tags: ['a', 'b'],
        blob: 'AQID',
      });
    });

    it('refuses a cursor it did not give and a limit past 100', async () => {
      const forged = await call('/api/tables/risk-service-local-risk/items?cursor=not-a-cursor');
      const wrongKey = await call(
        `/api/tables/risk-service-local-risk/items?cursor=${Buffer.from('{"other":{"S":"x"}}').toString('base64url')}`,
      );
      const notAnObject = await call(
        `/api/tables/risk-service-local-risk/items?cursor=${Buffer.from('7').toString('base64url')}`,
      );
      const badEscape = await call('/api/tables/%E0%A4%A/items');
      const limit = await call('/api/tables/risk-service-local-risk/items?limit=101');
      const missing = await call('/api/tables/no-such-table/items');

      expect([forged.code, forged.body.message]).toEqual([400, 'cursor is not one this console gave']);
      expect([wrongKey.code, wrongKey.body.status]).toEqual([400, 'badRequest']);
      expect([notAnObject.code, notAnObject.body.message]).toEqual([400, 'cursor is not one this console gave']);
      expect([badEscape.code, badEscape.body.message]).toEqual([400, 'the path is not valid URL encoding']);
      expect(limit.code).toBe(400);
      expect([missing.code, missing.body.status]).toEqual([404, 'notFound']);
      expect(missing.body.message).toContain('ResourceNotFoundException');
    });
  });

  describe('refusals and a broken local cloud', () => {
    it('refuses changes from another site, a body that is not JSON, a Host that is not this console, and unknown routes', async () => {
      const form = await call('/api/parameters', { method: 'PUT', body: 'service=fetch-service' });
      const evil = await call('/api/parameters', {
        method: 'PUT',
        headers: { 'content-type': 'application/json', origin: 'http://evil.example' },
        body: '{}',
      });
      const notJson = await call('/api/parameters', {
        method: 'PUT',
        headers: { 'content-type': 'application/json' },
        body: '{"service":',
      });
      const huge = await call('/api/parameters', {
        method: 'PUT',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ value: 'x'.repeat(100_000) }),
      });
      const rebound = await new Promise<number>((resolve, reject) => {
        const req = request(`${console_.url}/api/queues`, { headers: { host: `attacker.example:${console_.port}` } });
        req.on('response', (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        });
        req.on('error', reject);
        req.end();
      });
      const unknown = await call('/api/nothing');

      expect([form.code, form.body.message]).toEqual([403, 'a change needs a JSON body']);
      expect([evil.code, evil.body.message]).toEqual([403, 'origin http://evil.example may not change this console']);
      expect([notJson.code, notJson.body.message]).toEqual([400, 'the body is not JSON']);
      expect(huge.code).toBe(413);
      expect(rebound).toBe(403);
      expect([unknown.code, unknown.body.status]).toEqual([404, 'notFound']);
    });

    it('answers 502 in the standard shape within its timeout when the local cloud hangs, and works again after', async () => {
      await t.cloud.faults.add({ target: 'AmazonSQS.ListQueues', action: 'hang' });
      const started = Date.now();
      const hung = await call('/api/queues');
      const waited = Date.now() - started;
      t.cloud.faults.clear();
      const again = await call('/api/queues');

      expect([hung.code, hung.body.status]).toEqual([502, 'unavailable']);
      expect(hung.body.message).toMatch(/^a call to the local cloud failed: /);
      expect(hung.body.message).not.toMatch(/\bat .*\.ts:\d+/);
      expect(waited).toBeLessThan(10_000);
      expect(again.code).toBe(200);
    });

    it('answers many parallel polls of every view', async () => {
      const paths = ['/api/queues', '/api/parameters', '/api/tables', '/api/metrics', '/api/logs', '/api/system'];
      const answers = await Promise.all(Array.from({ length: 60 }, (_, i) => call(paths[i % paths.length] as string)));

      expect(answers.map((answer) => answer.code)).toEqual(answers.map(() => 200));
    });
  });
});
