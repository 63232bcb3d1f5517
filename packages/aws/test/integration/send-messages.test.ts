import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { CreateQueueCommand, ReceiveMessageCommand, DeleteMessageBatchCommand, SQSClient } from '@aws-sdk/client-sqs';
import { startLocalCloud, type LocalCloud } from '@platform/local-cloud';
import { sendMessages } from '../../src/index.js';

describe('sendMessages', () => {
  let cloud: LocalCloud;
  let sqs: SQSClient;
  let calls = 0;

  const createQueue = async (name: string) =>
    (await sqs.send(new CreateQueueCommand({ QueueName: name }))).QueueUrl as string;

  const drain = async (queueUrl: string) => {
    const bodies: Array<{ body: string; attributes: Record<string, string | undefined> }> = [];
    for (;;) {
      const { Messages = [] } = await sqs.send(
        new ReceiveMessageCommand({ QueueUrl: queueUrl, MaxNumberOfMessages: 10, MessageAttributeNames: ['All'] }),
      );
      if (Messages.length === 0) return bodies;
      for (const m of Messages) {
        const attributes = Object.fromEntries(
          Object.entries(m.MessageAttributes ?? {}).map(([k, v]) => [k, v.StringValue]),
        );
        bodies.push({ body: m.Body ?? '', attributes });
      }
      await sqs.send(
        new DeleteMessageBatchCommand({
          QueueUrl: queueUrl,
          Entries: Messages.map((m, i) => ({ Id: String(i), ReceiptHandle: m.ReceiptHandle })),
        }),
      );
    }
  };

  beforeAll(async () => {
    cloud = await startLocalCloud({ port: 0 });
    sqs = new SQSClient({
      endpoint: cloud.endpoint,
      region: cloud.region,
      credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
      maxAttempts: 1,
    });
    sqs.middlewareStack.add(
      (next) => async (args) => {
        calls += 1;
        return next(args);
      },
      { step: 'initialize', name: 'countCalls' },
    );
  });
  afterAll(async () => {
    sqs.destroy();
    await cloud.stop();
  });

  it('sends every message in batches of ten, JSON-encoding objects and carrying attributes', async () => {
    const queueUrl = await createQueue('send-all');
    calls = 0;
    const messages = Array.from({ length: 25 }, (_, i) => ({
      body: { companyId: `c-${i}` },
      attributes: { correlationId: `corr-${i}`, attempt: 1 },
    }));
    const result = await sendMessages(queueUrl, messages, { client: sqs });
    expect(result).toEqual({ sent: 25, failed: [] });
    expect(calls).toBe(3);
    const received = await drain(queueUrl);
    expect(received.map((m) => JSON.parse(m.body).companyId).sort()).toEqual(
      messages.map((m) => m.body.companyId).sort(),
    );
    expect(received.find((m) => m.body.includes('"c-7"'))?.attributes).toEqual({
      correlationId: 'corr-7',
      attempt: '1',
    });
  });

  it('reports an entry SQS refuses for its content without retrying it, and sends the rest', async () => {
    const queueUrl = await createQueue('one-bad');
    calls = 0;
    const messages = [{ body: 'ok-1' }, { body: 'x'.repeat(300 * 1024) }, { body: 'ok-2' }];
    const result = await sendMessages(queueUrl, messages, { client: sqs, baseDelayMs: 1 });
    expect(result.sent).toBe(2);
    expect(result.failed).toHaveLength(1);
    expect(result.failed[0]).toMatchObject({ index: 1, senderFault: true });
    expect((await drain(queueUrl)).map((m) => m.body).sort()).toEqual(['ok-1', 'ok-2']);
  });

  it('splits batches so no request exceeds 256 KiB', async () => {
    const queueUrl = await createQueue('big-ones');
    calls = 0;
    const messages = Array.from({ length: 5 }, (_, i) => ({ body: `${i}`.padEnd(100 * 1024, '.') }));
    const result = await sendMessages(queueUrl, messages, { client: sqs });
    expect(result).toEqual({ sent: 5, failed: [] });
    expect(calls).toBe(3);
  });

  it('retries after transient failures until everything is sent', async () => {
    const queueUrl = await createQueue('flaky');
    cloud.faults.add({ target: 'AmazonSQS.SendMessageBatch', code: 'InternalError', statusCode: 500, count: 2 });
    const messages = Array.from({ length: 12 }, (_, i) => ({ body: `m-${i}` }));
    const result = await sendMessages(queueUrl, messages, { client: sqs, baseDelayMs: 1, maxDelayMs: 5 });
    expect(result).toEqual({ sent: 12, failed: [] });
    const bodies = (await drain(queueUrl)).map((m) => m.body);
    expect(bodies.sort()).toEqual(messages.map((m) => m.body).sort());
  });

  it('returns every message as failed when the queue does not exist, after its attempts', async () => {
    calls = 0;
    const missing = `${cloud.endpoint}/000000000000/no-such-queue`;
    const result = await sendMessages(missing, [{ body: 'a' }, { body: 'b' }], {
      client: sqs,
      maxAttempts: 3,
      baseDelayMs: 1,
    });
    expect(result.sent).toBe(0);
    expect(result.failed.map((f) => [f.index, f.code])).toEqual([
      [0, 'QueueDoesNotExist'],
      [1, 'QueueDoesNotExist'],
    ]);
    expect(calls).toBe(3);
  });
});
