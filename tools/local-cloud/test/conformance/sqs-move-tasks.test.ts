import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from '@jest/globals';
import {
  CancelMessageMoveTaskCommand,
  CreateQueueCommand,
  DeleteQueueCommand,
  GetQueueAttributesCommand,
  ListMessageMoveTasksCommand,
  ReceiveMessageCommand,
  SendMessageBatchCommand,
  SendMessageCommand,
  StartMessageMoveTaskCommand,
  type ListMessageMoveTasksResultEntry,
  type Message,
} from '@aws-sdk/client-sqs';
import { sqsError } from '../helpers/aws-errors.js';
import { useTestCloud } from '../helpers/clients.js';

interface TestQueue {
  url: string;
  arn: string;
}

describe('SQS message move tasks (dead-letter queue redrive)', () => {
  const t = useTestCloud({ postgres: false });
  let count = 0;

  const createQueue = async (prefix: string, Attributes?: Record<string, string>): Promise<TestQueue> => {
    count += 1;
    const { QueueUrl } = await t.sqs.send(new CreateQueueCommand({ QueueName: `${prefix}-${count}`, Attributes }));
    if (!QueueUrl) throw new Error('CreateQueue returned no QueueUrl');
    const { Attributes: attributes } = await t.sqs.send(
      new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ['QueueArn'] }),
    );
    return { url: QueueUrl, arn: attributes?.QueueArn ?? '' };
  };

  /** A DLQ and `sources` queues that send to it after one receive. */
  const createRedrive = async (sources = 1): Promise<{ dlq: TestQueue; sources: TestQueue[] }> => {
    const dlq = await createQueue('move-dlq');
    const RedrivePolicy = JSON.stringify({ deadLetterTargetArn: dlq.arn, maxReceiveCount: 1 });
    const created: TestQueue[] = [];
    for (let i = 0; i < sources; i += 1) created.push(await createQueue('move-source', { RedrivePolicy }));
    return { dlq, sources: created };
  };

  const depth = async (queue: TestQueue): Promise<number> => {
    const { Attributes } = await t.sqs.send(
      new GetQueueAttributesCommand({
        QueueUrl: queue.url,
        AttributeNames: [
          'ApproximateNumberOfMessages',
          'ApproximateNumberOfMessagesNotVisible',
          'ApproximateNumberOfMessagesDelayed',
        ],
      }),
    );
    return (
      Number(Attributes?.ApproximateNumberOfMessages) +
      Number(Attributes?.ApproximateNumberOfMessagesNotVisible) +
      Number(Attributes?.ApproximateNumberOfMessagesDelayed)
    );
  };

  const sendMany = async (queue: TestQueue, bodies: string[]): Promise<void> => {
    for (let i = 0; i < bodies.length; i += 10) {
      await t.sqs.send(
        new SendMessageBatchCommand({
          QueueUrl: queue.url,
          Entries: bodies.slice(i, i + 10).map((body, j) => ({
            Id: `m${j}`,
            MessageBody: body,
            MessageAttributes: { origin: { DataType: 'String', StringValue: body } },
          })),
        }),
      );
    }
  };

  /** Fails every message of `source` once, so that the next receive moves them to the DLQ. */
  const deadLetter = async (source: TestQueue, dlq: TestQueue, bodies: string[]): Promise<void> => {
    await sendMany(source, bodies);
    const expected = (await depth(dlq)) + bodies.length;
    for (let round = 0; round < 1000 && (await depth(dlq)) < expected; round += 1) {
      await t.sqs.send(
        new ReceiveMessageCommand({ QueueUrl: source.url, MaxNumberOfMessages: 10, VisibilityTimeout: 0 }),
      );
    }
    expect(await depth(dlq)).toBe(expected);
  };

  const receiveAll = async (queue: TestQueue, expected: number): Promise<Message[]> => {
    const messages: Message[] = [];
    for (let round = 0; round < 1000 && messages.length < expected; round += 1) {
      const { Messages = [] } = await t.sqs.send(
        new ReceiveMessageCommand({
          QueueUrl: queue.url,
          MaxNumberOfMessages: 10,
          VisibilityTimeout: 600,
          MessageAttributeNames: ['All'],
          MessageSystemAttributeNames: ['All'],
        }),
      );
      messages.push(...Messages);
    }
    return messages;
  };

  const latestTask = async (queue: TestQueue): Promise<ListMessageMoveTasksResultEntry> => {
    const { Results = [] } = await t.sqs.send(new ListMessageMoveTasksCommand({ SourceArn: queue.arn }));
    const [task] = Results;
    if (!task) throw new Error('no move task listed');
    return task;
  };

  const waitForStatus = async (queue: TestQueue, status: string): Promise<ListMessageMoveTasksResultEntry> => {
    for (let i = 0; i < 200; i += 1) {
      const task = await latestTask(queue);
      if (task.Status === status) return task;
      await sleep(25);
    }
    throw new Error(`move task never reached ${status}`);
  };

  it('moves every DLQ message back to the queue it came from, as new messages', async () => {
    const { dlq, sources } = await createRedrive(2);
    const [first, second] = sources as [TestQueue, TestQueue];
    await deadLetter(first, dlq, ['a1', 'a2', 'a3']);
    await deadLetter(second, dlq, ['b1', 'b2']);
    const beforeMove = Date.now();

    const { TaskHandle } = await t.sqs.send(new StartMessageMoveTaskCommand({ SourceArn: dlq.arn }));
    expect(TaskHandle).toEqual(expect.any(String));
    const task = await waitForStatus(dlq, 'COMPLETED');
    expect(task).toMatchObject({
      SourceArn: dlq.arn,
      ApproximateNumberOfMessagesMoved: 5,
      ApproximateNumberOfMessagesToMove: 5,
    });
    // Only a RUNNING task shows its handle; the request named no destination and no rate.
    expect(task.TaskHandle).toBeUndefined();
    expect(task.DestinationArn).toBeUndefined();
    expect(task.MaxNumberOfMessagesPerSecond).toBeUndefined();
    expect(task.StartedTimestamp).toBeGreaterThanOrEqual(beforeMove - 1000);
    expect(await depth(dlq)).toBe(0);

    const backInFirst = await receiveAll(first, 3);
    const backInSecond = await receiveAll(second, 2);
    expect(backInFirst.map((m) => m.Body).sort()).toEqual(['a1', 'a2', 'a3']);
    expect(backInSecond.map((m) => m.Body).sort()).toEqual(['b1', 'b2']);
    for (const message of [...backInFirst, ...backInSecond]) {
      // A redriven message is a new message: receive count restarted, retention from the move,
      // no dead-letter source, message attributes kept.
      expect(message.Attributes?.ApproximateReceiveCount).toBe('1');
      expect(Number(message.Attributes?.SentTimestamp)).toBeGreaterThanOrEqual(beforeMove - 1000);
      expect(message.Attributes?.DeadLetterQueueSourceArn).toBeUndefined();
      expect(message.MessageAttributes?.['origin']?.StringValue).toBe(message.Body);
    }
  });

  it('gives moved messages new message ids', async () => {
    const { dlq, sources } = await createRedrive();
    const [source] = sources as [TestQueue];
    await t.sqs.send(new SendMessageCommand({ QueueUrl: source.url, MessageBody: 'only' }));
    // The first receive shows the message's id; the second moves it to the DLQ (maxReceiveCount 1).
    const { Messages: [original] = [] } = await t.sqs.send(
      new ReceiveMessageCommand({ QueueUrl: source.url, VisibilityTimeout: 0 }),
    );
    expect(original?.MessageId).toEqual(expect.any(String));
    for (let round = 0; round < 100 && (await depth(dlq)) === 0; round += 1) {
      await t.sqs.send(new ReceiveMessageCommand({ QueueUrl: source.url, VisibilityTimeout: 0 }));
    }
    expect(await depth(dlq)).toBe(1);

    await t.sqs.send(new StartMessageMoveTaskCommand({ SourceArn: dlq.arn }));
    await waitForStatus(dlq, 'COMPLETED');
    const [moved] = await receiveAll(source, 1);
    expect(moved?.Body).toBe('only');
    expect(moved?.MessageId).toEqual(expect.any(String));
    expect(moved?.MessageId).not.toBe(original?.MessageId);
  });

  it('moves to a chosen destination instead of the original source', async () => {
    const { dlq, sources } = await createRedrive();
    const [source] = sources as [TestQueue];
    const destination = await createQueue('move-destination');
    await deadLetter(source, dlq, ['x', 'y']);

    await t.sqs.send(new StartMessageMoveTaskCommand({ SourceArn: dlq.arn, DestinationArn: destination.arn }));
    const task = await waitForStatus(dlq, 'COMPLETED');
    expect(task.DestinationArn).toBe(destination.arn);
    expect((await receiveAll(destination, 2)).map((m) => m.Body).sort()).toEqual(['x', 'y']);
    expect(await depth(source)).toBe(0);
  });

  it('never moves faster than MaxNumberOfMessagesPerSecond, and a cancelled task loses nothing', async () => {
    const { dlq, sources } = await createRedrive();
    const [source] = sources as [TestQueue];
    const total = 40;
    await deadLetter(
      source,
      dlq,
      Array.from({ length: total }, (_, i) => `r${i}`),
    );

    const startedAt = performance.now();
    const { TaskHandle } = await t.sqs.send(
      new StartMessageMoveTaskCommand({ SourceArn: dlq.arn, MaxNumberOfMessagesPerSecond: 10 }),
    );
    await sleep(500);
    const running = await latestTask(dlq);
    const elapsedSeconds = (performance.now() - startedAt) / 1000;
    expect(running).toMatchObject({ Status: 'RUNNING', TaskHandle, MaxNumberOfMessagesPerSecond: 10 });
    // A slow machine moves fewer; never more than the rate allows (plus one tick's share).
    expect(running.ApproximateNumberOfMessagesMoved).toBeLessThanOrEqual(Math.ceil(10 * elapsedSeconds) + 1);

    const { ApproximateNumberOfMessagesMoved: moved = -1 } = await t.sqs.send(
      new CancelMessageMoveTaskCommand({ TaskHandle }),
    );
    expect(moved).toBeGreaterThanOrEqual(0);
    expect(moved).toBeLessThan(total);
    const cancelled = await latestTask(dlq);
    expect(cancelled).toMatchObject({ Status: 'CANCELLED', ApproximateNumberOfMessagesMoved: moved });
    await sleep(300);
    // Nothing lost, nothing moved after the cancel.
    expect(await depth(source)).toBe(moved);
    expect(await depth(dlq)).toBe(total - moved);
  });

  it('moves hundreds of messages while consumers drain the source, none lost or duplicated', async () => {
    const { dlq, sources } = await createRedrive();
    const [source] = sources as [TestQueue];
    const total = 300;
    const bodies = Array.from({ length: total }, (_, i) => `load-${i}`);
    await deadLetter(source, dlq, bodies);

    await t.sqs.send(new StartMessageMoveTaskCommand({ SourceArn: dlq.arn }));
    const seen: string[] = [];
    const consumers = Array.from({ length: 10 }, async () => {
      for (let round = 0; round < 500 && seen.length < total; round += 1) {
        const { Messages = [] } = await t.sqs.send(
          new ReceiveMessageCommand({ QueueUrl: source.url, MaxNumberOfMessages: 10, VisibilityTimeout: 600 }),
        );
        seen.push(...Messages.map((m) => m.Body ?? ''));
        if (Messages.length === 0) await sleep(10);
      }
    });
    await Promise.all(consumers);
    expect(seen.sort()).toEqual([...bodies].sort());
    expect((await waitForStatus(dlq, 'COMPLETED')).ApproximateNumberOfMessagesMoved).toBe(total);
  });

  it('fails the task and keeps the message when its source queue is gone', async () => {
    // The DLQ stays a DLQ (of the second source) while the queue its message came from is gone.
    const { dlq, sources } = await createRedrive(2);
    const [source] = sources as [TestQueue, TestQueue];
    await deadLetter(source, dlq, ['orphan']);
    await t.sqs.send(new DeleteQueueCommand({ QueueUrl: source.url }));

    await t.sqs.send(new StartMessageMoveTaskCommand({ SourceArn: dlq.arn }));
    const failed = await latestTask(dlq).then((task) =>
      task.Status === 'FAILED' ? task : waitForStatus(dlq, 'FAILED'),
    );
    expect(failed.FailureReason).toEqual(expect.any(String));
    expect(await depth(dlq)).toBe(1);
  });

  it('lists the most recent tasks first, up to MaxResults', async () => {
    const { dlq, sources } = await createRedrive();
    const [source] = sources as [TestQueue];
    const destination = await createQueue('move-list');
    await deadLetter(source, dlq, ['one']);
    await t.sqs.send(new StartMessageMoveTaskCommand({ SourceArn: dlq.arn }));
    await waitForStatus(dlq, 'COMPLETED');
    // Hold the redriven 'one' in flight so that only 'two' dead-letters next.
    expect((await receiveAll(source, 1)).map((m) => m.Body)).toEqual(['one']);
    await deadLetter(source, dlq, ['two']);
    await t.sqs.send(new StartMessageMoveTaskCommand({ SourceArn: dlq.arn, DestinationArn: destination.arn }));
    await waitForStatus(dlq, 'COMPLETED');

    const { Results = [] } = await t.sqs.send(new ListMessageMoveTasksCommand({ SourceArn: dlq.arn, MaxResults: 10 }));
    expect(Results.map((task) => task.DestinationArn)).toEqual([destination.arn, undefined]);
    const { Results: defaultPage = [] } = await t.sqs.send(new ListMessageMoveTasksCommand({ SourceArn: dlq.arn }));
    expect(defaultPage).toHaveLength(1);
  });

  describe('errors as the SDK sees them', () => {
    it('an unknown SourceArn is ResourceNotFoundException (404)', async () => {
      const error = await sqsError(
        t.sqs.send(new StartMessageMoveTaskCommand({ SourceArn: 'arn:aws:sqs:us-east-1:000000000000:nope' })),
      );
      expect(error.name).toBe('ResourceNotFoundException');
      expect(error.$metadata.httpStatusCode).toBe(404);
      const listed = await sqsError(
        t.sqs.send(new ListMessageMoveTasksCommand({ SourceArn: 'arn:aws:sqs:us-east-1:000000000000:nope' })),
      );
      expect(listed.name).toBe('ResourceNotFoundException');
    });

    it('a queue that is no dead-letter queue is refused', async () => {
      const plain = await createQueue('move-plain');
      const error = await sqsError(t.sqs.send(new StartMessageMoveTaskCommand({ SourceArn: plain.arn })));
      expect(error.name).toBe('InvalidParameterValue');
      expect(error.$metadata.httpStatusCode).toBe(400);
      expect(error.message).toMatch(/Dead Letter Queue/);
    });

    it('a second task while one runs is InvalidParameterValue; cancelling a finished one is refused', async () => {
      const { dlq, sources } = await createRedrive();
      const [source] = sources as [TestQueue];
      await deadLetter(
        source,
        dlq,
        Array.from({ length: 20 }, (_, i) => `slow-${i}`),
      );
      const { TaskHandle } = await t.sqs.send(
        new StartMessageMoveTaskCommand({ SourceArn: dlq.arn, MaxNumberOfMessagesPerSecond: 1 }),
      );
      const error = await sqsError(t.sqs.send(new StartMessageMoveTaskCommand({ SourceArn: dlq.arn })));
      expect(error.name).toBe('InvalidParameterValue');
      expect(error.message).toBe(
        'There is already a task running. Only one active task is allowed for a source queue arn at a given time.',
      );
      expect(error.$metadata.httpStatusCode).toBe(400);
      await t.sqs.send(new CancelMessageMoveTaskCommand({ TaskHandle }));
      // Cancelling a task that is no longer RUNNING is refused too.
      const again = await sqsError(t.sqs.send(new CancelMessageMoveTaskCommand({ TaskHandle })));
      expect(again.name).toBe('UnsupportedOperation');
    });

    it.each([0, 501])('MaxNumberOfMessagesPerSecond %i is InvalidParameterValue', async (rate) => {
      const { dlq } = await createRedrive();
      const error = await sqsError(
        t.sqs.send(new StartMessageMoveTaskCommand({ SourceArn: dlq.arn, MaxNumberOfMessagesPerSecond: rate })),
      );
      expect(error.name).toBe('InvalidParameterValue');
    });

    it('an unknown destination is ResourceNotFoundException, the DLQ itself InvalidParameterValue', async () => {
      const { dlq } = await createRedrive();
      const unknown = await sqsError(
        t.sqs.send(
          new StartMessageMoveTaskCommand({
            SourceArn: dlq.arn,
            DestinationArn: 'arn:aws:sqs:us-east-1:000000000000:nowhere',
          }),
        ),
      );
      expect(unknown.name).toBe('ResourceNotFoundException');
      const itself = await sqsError(
        t.sqs.send(new StartMessageMoveTaskCommand({ SourceArn: dlq.arn, DestinationArn: dlq.arn })),
      );
      expect(itself.name).toBe('InvalidParameterValue');
    });

    it('a TaskHandle that names no task is refused', async () => {
      const garbage = await sqsError(t.sqs.send(new CancelMessageMoveTaskCommand({ TaskHandle: 'not-a-handle' })));
      expect(garbage.name).toBe('InvalidParameterValue');
      const forged = Buffer.from(
        JSON.stringify({ taskId: 'x', sourceArn: 'arn:aws:sqs:us-east-1:000000000000:nope' }),
      ).toString('base64');
      const unknown = await sqsError(t.sqs.send(new CancelMessageMoveTaskCommand({ TaskHandle: forged })));
      expect(unknown.name).toBe('ResourceNotFoundException');
      expect(unknown.message).toBe("The resource that you specified for the SourceArn parameter doesn't exist.");
      expect(unknown.$metadata.httpStatusCode).toBe(404);
      const { dlq } = await createRedrive();
      const noTask = Buffer.from(JSON.stringify({ taskId: 'x', sourceArn: dlq.arn })).toString('base64');
      const missing = await sqsError(t.sqs.send(new CancelMessageMoveTaskCommand({ TaskHandle: noTask })));
      expect(missing).toMatchObject({ name: 'ResourceNotFoundException', message: 'Task does not exist.' });
    });

    it('MaxResults past 10 is InvalidParameterValue', async () => {
      const { dlq } = await createRedrive();
      const error = await sqsError(t.sqs.send(new ListMessageMoveTasksCommand({ SourceArn: dlq.arn, MaxResults: 11 })));
      expect(error.name).toBe('InvalidParameterValue');
    });
  });
});
