import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { CreateQueueCommand, SendMessageCommand } from '@aws-sdk/client-sqs';
import { receiveBatch } from '../src/event-source-mapping/receive-batch.js';
import { startTestCloud, type TestCloud } from './helpers/clients.js';

/** Lambda's limit on a synchronous invocation's payload. */
const MAX_EVENT_BYTES = 6 * 1024 * 1024;

describe('receiveBatch with 1 MiB messages', () => {
  let t: TestCloud;
  beforeAll(async () => {
    t = await startTestCloud();
  });
  afterAll(async () => {
    await t?.stop();
  });

  it("never gathers more than fits Lambda's 6 MB, and loses none: the rest come in the next batches", async () => {
    const { QueueUrl = '' } = await t.sqs.send(new CreateQueueCommand({ QueueName: 'large-messages' }));
    const sent = Array.from({ length: 8 }, (_, i) => `${i}`.padEnd(1_048_000, 'x'));
    for (const MessageBody of sent) await t.sqs.send(new SendMessageCommand({ QueueUrl, MessageBody }));

    const batches: string[][] = [];
    for (let i = 0; i < 5 && batches.flat().length < sent.length; i += 1) {
      const { messages, error } = await receiveBatch(
        { sqs: t.sqs, queueUrl: QueueUrl, batchSize: 10, maximumBatchingWindowInSeconds: 1 },
        new AbortController().signal,
      );
      expect(error).toBeUndefined();
      batches.push(messages.map((message) => message.Body ?? ''));
    }

    for (const batch of batches) {
      expect(batch.reduce((sum, body) => sum + Buffer.byteLength(body), 0)).toBeLessThanOrEqual(MAX_EVENT_BYTES);
    }
    expect(batches.flat().sort()).toEqual([...sent].sort());
  }, 60_000);
});
