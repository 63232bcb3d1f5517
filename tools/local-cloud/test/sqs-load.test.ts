import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  CreateQueueCommand,
  DeleteMessageBatchCommand,
  GetQueueAttributesCommand,
  ReceiveMessageCommand,
  SendMessageBatchCommand,
} from '@aws-sdk/client-sqs';
import { startTestCloud, type TestCloud } from './helpers/clients.js';

const MESSAGES = 10_000;
const BATCH = 10;
const SENDERS = 8;
const RECEIVERS = 4;
/** The consumers give up after this, so a lost message fails the test instead of hanging it. */
const DEADLINE_MS = 40_000;

describe('SQS under load', () => {
  let t: TestCloud;
  beforeAll(async () => {
    t = await startTestCloud();
  });
  afterAll(async () => {
    await t.stop();
  });

  it('delivers every message exactly once to concurrent receivers', async () => {
    // Prepare
    const { QueueUrl } = await t.sqs.send(new CreateQueueCommand({ QueueName: 'load' }));
    const received = new Map<string, number>();
    let nextBatch = 0;
    const deadline = Date.now() + DEADLINE_MS;
    const send = async (): Promise<void> => {
      for (let batch = nextBatch++; batch < MESSAGES / BATCH; batch = nextBatch++) {
        const Entries = Array.from({ length: BATCH }, (_, i) => ({
          Id: `e${i}`,
          MessageBody: `message-${batch * BATCH + i}`,
        }));
        const { Failed = [] } = await t.sqs.send(new SendMessageBatchCommand({ QueueUrl, Entries }));
        if (Failed.length > 0) throw new Error(`send failed: ${JSON.stringify(Failed)}`);
      }
    };
    const receive = async (): Promise<void> => {
      while (received.size < MESSAGES && Date.now() < deadline) {
        const { Messages = [] } = await t.sqs.send(
          new ReceiveMessageCommand({ QueueUrl, MaxNumberOfMessages: BATCH, WaitTimeSeconds: 1 }),
        );
        if (Messages.length === 0) continue;
        for (const { Body = '' } of Messages) received.set(Body, (received.get(Body) ?? 0) + 1);
        const Entries = Messages.map((message, i) => ({ Id: `d${i}`, ReceiptHandle: message.ReceiptHandle }));
        const { Failed = [] } = await t.sqs.send(new DeleteMessageBatchCommand({ QueueUrl, Entries }));
        if (Failed.length > 0) throw new Error(`delete failed: ${JSON.stringify(Failed)}`);
      }
    };

    // Act
    await Promise.all([...Array.from({ length: SENDERS }, send), ...Array.from({ length: RECEIVERS }, receive)]);

    // Assess
    const duplicates = [...received].filter(([, count]) => count > 1);
    expect(duplicates).toEqual([]);
    const missing = Array.from({ length: MESSAGES }, (_, i) => `message-${i}`).filter((body) => !received.has(body));
    expect(missing).toEqual([]);
    expect(received.size).toBe(MESSAGES);
    const { Attributes } = await t.sqs.send(new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ['All'] }));
    expect(Attributes).toMatchObject({
      ApproximateNumberOfMessages: '0',
      ApproximateNumberOfMessagesNotVisible: '0',
      ApproximateNumberOfMessagesDelayed: '0',
    });
  }, 60_000);
});
