import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  CreateQueueCommand,
  DeleteQueueCommand,
  GetQueueAttributesCommand,
  ReceiveMessageCommand,
  SendMessageBatchCommand,
  SendMessageCommand,
  type Message,
  type ReceiveMessageCommandInput,
} from '@aws-sdk/client-sqs';
import { startTestCloud, type TestCloud } from './helpers/clients.js';

/** A receive and how long it took to answer. */
interface TimedReceive {
  messages: Message[];
  elapsedMs: number;
}

describe('SQS long polling', () => {
  let t: TestCloud;
  let queueCount = 0;
  const createQueue = async (Attributes?: Record<string, string>): Promise<string> => {
    queueCount += 1;
    const { QueueUrl } = await t.sqs.send(new CreateQueueCommand({ QueueName: `long-poll-${queueCount}`, Attributes }));
    if (!QueueUrl) throw new Error('CreateQueue returned no QueueUrl');
    return QueueUrl;
  };
  const timedReceive = async (input: ReceiveMessageCommandInput, abortSignal?: AbortSignal): Promise<TimedReceive> => {
    const started = Date.now();
    const { Messages = [] } = await t.sqs.send(new ReceiveMessageCommand(input), { abortSignal });
    return { messages: Messages, elapsedMs: Date.now() - started };
  };

  beforeAll(async () => {
    t = await startTestCloud();
  });
  afterAll(async () => {
    await t.stop();
  });

  it('returns as soon as a message arrives', async () => {
    // Prepare
    const QueueUrl = await createQueue();
    const polling = timedReceive({ QueueUrl, WaitTimeSeconds: 5 });

    // Act
    await sleep(200);
    await t.sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: 'arrived' }));
    const { messages, elapsedMs } = await polling;

    // Assess
    expect(messages.map((message) => message.Body)).toEqual(['arrived']);
    expect(elapsedMs).toBeGreaterThanOrEqual(190);
    expect(elapsedMs).toBeLessThan(1_000);
  });

  it('returns empty when the wait time ends without a message', async () => {
    // Prepare
    const QueueUrl = await createQueue();

    // Act
    const { messages, elapsedMs } = await timedReceive({ QueueUrl, WaitTimeSeconds: 1 });

    // Assess
    expect(messages).toEqual([]);
    expect(elapsedMs).toBeGreaterThanOrEqual(950);
    expect(elapsedMs).toBeLessThan(2_000);
  });

  it('waits for the queue-level ReceiveMessageWaitTimeSeconds when the request names none', async () => {
    // Prepare
    const QueueUrl = await createQueue({ ReceiveMessageWaitTimeSeconds: '1' });

    // Act
    const { messages, elapsedMs } = await timedReceive({ QueueUrl });

    // Assess
    expect(messages).toEqual([]);
    expect(elapsedMs).toBeGreaterThanOrEqual(950);
  });

  it('returns as soon as an in-flight message becomes visible again', async () => {
    // Prepare
    const QueueUrl = await createQueue();
    await t.sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: 'retry me' }));
    await t.sqs.send(new ReceiveMessageCommand({ QueueUrl, VisibilityTimeout: 1 }));

    // Act
    const { messages, elapsedMs } = await timedReceive({
      QueueUrl,
      WaitTimeSeconds: 5,
      MessageSystemAttributeNames: ['ApproximateReceiveCount'],
    });

    // Assess
    expect(messages.map((message) => message.Attributes?.ApproximateReceiveCount)).toEqual(['2']);
    expect(elapsedMs).toBeGreaterThanOrEqual(800);
    expect(elapsedMs).toBeLessThan(1_800);
  });

  it('returns as soon as a delayed message becomes visible', async () => {
    // Prepare
    const QueueUrl = await createQueue();
    await t.sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: 'delayed', DelaySeconds: 1 }));

    // Act
    const { messages, elapsedMs } = await timedReceive({ QueueUrl, WaitTimeSeconds: 5 });

    // Assess
    expect(messages.map((message) => message.Body)).toEqual(['delayed']);
    expect(elapsedMs).toBeGreaterThanOrEqual(800);
    expect(elapsedMs).toBeLessThan(1_800);
  });

  it('gives each waiting long poll different messages', async () => {
    // Prepare
    const QueueUrl = await createQueue();
    const polls = Array.from({ length: 3 }, () =>
      timedReceive({ QueueUrl, WaitTimeSeconds: 5, MaxNumberOfMessages: 1 }),
    );
    await sleep(100);

    // Act
    const Entries = ['a', 'b', 'c'].map((body) => ({ Id: body, MessageBody: body }));
    await t.sqs.send(new SendMessageBatchCommand({ QueueUrl, Entries }));
    const results = await Promise.all(polls);

    // Assess
    const bodies = results.flatMap(({ messages }) => messages.map((message) => message.Body));
    expect(bodies.sort()).toEqual(['a', 'b', 'c']);
    for (const { elapsedMs } of results) expect(elapsedMs).toBeLessThan(1_000);
  });

  it('does not hand a message to a long poll whose client aborted', async () => {
    // Prepare
    const QueueUrl = await createQueue();
    const aborter = new AbortController();
    const abandoned = timedReceive({ QueueUrl, WaitTimeSeconds: 10 }, aborter.signal).catch((error: unknown) => error);
    await sleep(100);

    // Act
    aborter.abort();
    const abortError = await abandoned;
    await sleep(200);
    await t.sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: 'for whoever is still listening' }));
    const { messages, elapsedMs } = await timedReceive({ QueueUrl, WaitTimeSeconds: 2 });

    // Assess
    expect(abortError).toMatchObject({ name: 'AbortError' });
    expect(messages.map((message) => message.Body)).toEqual(['for whoever is still listening']);
    expect(elapsedMs).toBeLessThan(1_000);
  });

  it('answers a waiting long poll with no messages when its queue is deleted', async () => {
    // Prepare
    const QueueUrl = await createQueue();
    const polling = timedReceive({ QueueUrl, WaitTimeSeconds: 10 });
    await sleep(100);

    // Act
    await t.sqs.send(new DeleteQueueCommand({ QueueUrl }));
    const { messages, elapsedMs } = await polling;

    // Assess
    expect(messages).toEqual([]);
    expect(elapsedMs).toBeLessThan(1_000);
  });

  it('lets the cloud stop at once while a long poll waits', async () => {
    // Prepare
    const other = await startTestCloud();
    const { QueueUrl } = await other.sqs.send(new CreateQueueCommand({ QueueName: 'stopping' }));
    const polling = other.sqs.send(new ReceiveMessageCommand({ QueueUrl, WaitTimeSeconds: 20 })).then(
      (output) => output.Messages ?? [],
      () => 'connection closed',
    );
    await sleep(100);

    // Act
    const started = Date.now();
    await other.cloud.stop();
    const outcome = await polling;
    other.sqs.destroy();
    other.ssm.destroy();
    other.dynamodb.destroy();

    // Assess
    expect(Date.now() - started).toBeLessThan(2_000);
    expect([[], 'connection closed']).toContainEqual(outcome);
  });

  it('leaves a message visible when the only long poll was aborted', async () => {
    // Prepare: the server learns of the disconnect from the socket, a moment after the client
    const QueueUrl = await createQueue();
    const aborter = new AbortController();
    const abandoned = timedReceive({ QueueUrl, WaitTimeSeconds: 10 }, aborter.signal).catch(() => undefined);
    await sleep(50);
    aborter.abort();
    await abandoned;
    await sleep(50);

    // Act
    await t.sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: 'untouched' }));
    const { Attributes } = await t.sqs.send(
      new GetQueueAttributesCommand({
        QueueUrl,
        AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible'],
      }),
    );

    // Assess
    expect(Attributes).toEqual({ ApproximateNumberOfMessages: '1', ApproximateNumberOfMessagesNotVisible: '0' });
  });
});
