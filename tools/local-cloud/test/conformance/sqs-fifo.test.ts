import { afterEach, describe, expect, it, jest } from '@jest/globals';
import {
  ChangeMessageVisibilityCommand,
  CreateQueueCommand,
  DeleteMessageCommand,
  GetQueueAttributesCommand,
  ListMessageMoveTasksCommand,
  PurgeQueueCommand,
  ReceiveMessageCommand,
  SendMessageBatchCommand,
  SendMessageCommand,
  SetQueueAttributesCommand,
  StartMessageMoveTaskCommand,
  type Message,
  type SendMessageCommandInput,
} from '@aws-sdk/client-sqs';
import { setTimeout as sleep } from 'node:timers/promises';
import { sqsError } from '../helpers/aws-errors.js';
import { useTestCloud } from '../helpers/clients.js';

interface TestQueue {
  url: string;
  arn: string;
}

/** FIFO queues as the SQS API reference and Developer Guide describe them, through the real SDK. */
describe('SQS FIFO queues', () => {
  const t = useTestCloud({ postgres: false });
  let count = 0;

  const createQueue = async (Attributes: Record<string, string> = {}, fifo = true): Promise<TestQueue> => {
    count += 1;
    const QueueName = fifo ? `orders-${count}.fifo` : `plain-${count}`;
    const { QueueUrl } = await t.sqs.send(
      new CreateQueueCommand({ QueueName, Attributes: fifo ? { FifoQueue: 'true', ...Attributes } : Attributes }),
    );
    if (!QueueUrl) throw new Error('CreateQueue returned no QueueUrl');
    const { Attributes: read } = await t.sqs.send(
      new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ['QueueArn'] }),
    );
    return { url: QueueUrl, arn: read?.QueueArn ?? '' };
  };

  const send = (queue: TestQueue, body: string, group: string, extra: Partial<SendMessageCommandInput> = {}) =>
    t.sqs.send(
      new SendMessageCommand({
        QueueUrl: queue.url,
        MessageBody: body,
        MessageGroupId: group,
        MessageDeduplicationId: `${group}-${body}`,
        ...extra,
      }),
    );

  const receive = async (queue: TestQueue, max = 10, VisibilityTimeout = 600): Promise<Message[]> => {
    const { Messages = [] } = await t.sqs.send(
      new ReceiveMessageCommand({
        QueueUrl: queue.url,
        MaxNumberOfMessages: max,
        VisibilityTimeout,
        MessageSystemAttributeNames: ['All'],
      }),
    );
    return Messages;
  };

  const remove = (queue: TestQueue, message: Message | undefined) =>
    t.sqs.send(new DeleteMessageCommand({ QueueUrl: queue.url, ReceiptHandle: message?.ReceiptHandle }));

  afterEach(() => {
    jest.restoreAllMocks();
  });

  describe('creating', () => {
    it('reports the FIFO attributes with their defaults', async () => {
      const queue = await createQueue();
      const { Attributes } = await t.sqs.send(
        new GetQueueAttributesCommand({ QueueUrl: queue.url, AttributeNames: ['All'] }),
      );
      expect(Attributes).toMatchObject({
        FifoQueue: 'true',
        ContentBasedDeduplication: 'false',
        DeduplicationScope: 'queue',
        FifoThroughputLimit: 'perQueue',
      });
      const high = await createQueue({ DeduplicationScope: 'messageGroup', FifoThroughputLimit: 'perMessageGroupId' });
      const { Attributes: highAttributes } = await t.sqs.send(
        new GetQueueAttributesCommand({
          QueueUrl: high.url,
          AttributeNames: ['DeduplicationScope', 'FifoThroughputLimit'],
        }),
      );
      expect(highAttributes).toEqual({ DeduplicationScope: 'messageGroup', FifoThroughputLimit: 'perMessageGroupId' });
    });

    it('refuses FIFO settings on a standard queue, FifoQueue after creation and perMessageGroupId with queue scope', async () => {
      const standard = await sqsError(
        t.sqs.send(new CreateQueueCommand({ QueueName: 'std-cbd', Attributes: { ContentBasedDeduplication: 'true' } })),
      );
      expect(standard.name).toBe('InvalidAttributeName');
      const queue = await createQueue();
      const change = await sqsError(
        t.sqs.send(new SetQueueAttributesCommand({ QueueUrl: queue.url, Attributes: { FifoQueue: 'false' } })),
      );
      expect(change.name).toBe('InvalidAttributeName');
      const mixed = await sqsError(
        t.sqs.send(
          new SetQueueAttributesCommand({
            QueueUrl: queue.url,
            Attributes: { FifoThroughputLimit: 'perMessageGroupId' },
          }),
        ),
      );
      expect(mixed).toMatchObject({ name: 'InvalidAttributeValue', $metadata: { httpStatusCode: 400 } });
      const bad = await sqsError(
        t.sqs.send(
          new SetQueueAttributesCommand({ QueueUrl: queue.url, Attributes: { DeduplicationScope: 'everywhere' } }),
        ),
      );
      expect(bad.name).toBe('InvalidAttributeValue');
    });
  });

  describe('sending', () => {
    it('answers a SequenceNumber that grows, and refuses what a FIFO queue does not take', async () => {
      const queue = await createQueue();
      const first = await send(queue, 'one', 'g');
      const second = await send(queue, 'two', 'g');
      expect(first.SequenceNumber).toMatch(/^\d{20}$/);
      expect(BigInt(second.SequenceNumber ?? '0')).toBeGreaterThan(BigInt(first.SequenceNumber ?? '0'));

      const noGroup = await sqsError(
        t.sqs.send(new SendMessageCommand({ QueueUrl: queue.url, MessageBody: 'x', MessageDeduplicationId: 'd' })),
      );
      expect(noGroup).toMatchObject({ name: 'MissingParameter', $metadata: { httpStatusCode: 400 } });
      const noDedup = await sqsError(
        t.sqs.send(new SendMessageCommand({ QueueUrl: queue.url, MessageBody: 'x', MessageGroupId: 'g' })),
      );
      expect(noDedup.name).toBe('InvalidParameterValue');
      expect(noDedup.message).toMatch(/ContentBasedDeduplication/);
      expect((await sqsError(send(queue, 'x', 'g', { DelaySeconds: 5 }))).name).toBe('InvalidParameterValue');
      expect((await sqsError(send(queue, 'x', 'has space'))).name).toBe('InvalidParameterValue');
      expect((await sqsError(send(queue, 'x', 'g'.repeat(129)))).name).toBe('InvalidParameterValue');
      expect((await sqsError(send(queue, 'x', 'g', { MessageDeduplicationId: 'd'.repeat(129) }))).name).toBe(
        'InvalidParameterValue',
      );
    });

    it('a standard queue takes a MessageGroupId but no MessageDeduplicationId', async () => {
      const queue = await createQueue({}, false);
      await t.sqs.send(
        new SendMessageCommand({ QueueUrl: queue.url, MessageBody: 'fair', MessageGroupId: 'tenant-1' }),
      );
      const [message] = await receive(queue);
      expect(message?.Attributes?.MessageGroupId).toBe('tenant-1');
      expect(message?.Attributes?.SequenceNumber).toBeUndefined();
      const refused = await sqsError(
        t.sqs.send(new SendMessageCommand({ QueueUrl: queue.url, MessageBody: 'x', MessageDeduplicationId: 'd' })),
      );
      expect(refused.name).toBe('InvalidParameterValue');
    });

    it('keeps the order of a batch and answers each entry its SequenceNumber', async () => {
      const queue = await createQueue({ ContentBasedDeduplication: 'true' });
      const { Successful = [] } = await t.sqs.send(
        new SendMessageBatchCommand({
          QueueUrl: queue.url,
          Entries: Array.from({ length: 10 }, (_, i) => ({ Id: `e${i}`, MessageBody: `b${i}`, MessageGroupId: 'g' })),
        }),
      );
      expect(Successful.map((entry) => entry.SequenceNumber)).toEqual(
        [...Successful.map((entry) => entry.SequenceNumber)].sort(),
      );
      expect((await receive(queue)).map((m) => m.Body)).toEqual(Array.from({ length: 10 }, (_, i) => `b${i}`));
    });
  });

  describe('ordering', () => {
    it('delivers a group in the order sent, with its system attributes', async () => {
      const queue = await createQueue();
      const bodies = Array.from({ length: 30 }, (_, i) => `m${i}`);
      for (const body of bodies) await send(queue, body, 'orders');
      const seen: Message[] = [];
      for (let round = 0; round < 100 && seen.length < bodies.length; round += 1) {
        const messages = await receive(queue, 3);
        seen.push(...messages);
        for (const message of messages) await remove(queue, message);
      }
      expect(seen.map((m) => m.Body)).toEqual(bodies);
      const numbers = seen.map((m) => BigInt(m.Attributes?.SequenceNumber ?? '0'));
      expect(numbers).toEqual([...numbers].sort((a, b) => (a < b ? -1 : 1)));
      expect(seen[0]?.Attributes).toMatchObject({ MessageGroupId: 'orders', MessageDeduplicationId: 'orders-m0' });
    });

    it('blocks a group while one of its messages is in flight, and lets the others through', async () => {
      const queue = await createQueue();
      await send(queue, 'a1', 'a');
      await send(queue, 'a2', 'a');
      await send(queue, 'b1', 'b');

      const [a1] = await receive(queue, 1);
      expect(a1?.Body).toBe('a1');
      expect((await receive(queue)).map((m) => m.Body)).toEqual(['b1']);
      expect(await receive(queue)).toEqual([]);

      // Visible again, a1 comes before a2.
      await t.sqs.send(
        new ChangeMessageVisibilityCommand({
          QueueUrl: queue.url,
          ReceiptHandle: a1?.ReceiptHandle,
          VisibilityTimeout: 0,
        }),
      );
      const [again] = await receive(queue, 1);
      expect(again).toMatchObject({
        Body: 'a1',
        Attributes: expect.objectContaining({ ApproximateReceiveCount: '2' }),
      });
      await remove(queue, again);
      expect((await receive(queue)).map((m) => m.Body)).toEqual(['a2']);
    });

    it('keeps a group blocked while any of its messages is in flight, not only its first', async () => {
      const queue = await createQueue();
      await send(queue, 'x1', 'x');
      await send(queue, 'x2', 'x');
      const [x1, x2] = await receive(queue, 2);
      expect([x1?.Body, x2?.Body]).toEqual(['x1', 'x2']);
      await t.sqs.send(
        new ChangeMessageVisibilityCommand({
          QueueUrl: queue.url,
          ReceiptHandle: x1?.ReceiptHandle,
          VisibilityTimeout: 0,
        }),
      );
      // x1 is visible again but x2 is still in flight: the group gives nothing.
      expect(await receive(queue)).toEqual([]);
      await t.sqs.send(
        new ChangeMessageVisibilityCommand({
          QueueUrl: queue.url,
          ReceiptHandle: x2?.ReceiptHandle,
          VisibilityTimeout: 0,
        }),
      );
      expect((await receive(queue)).map((m) => m.Body)).toEqual(['x1', 'x2']);
    });

    it('answers a waiting long poll as soon as the blocking message is deleted', async () => {
      const queue = await createQueue();
      await send(queue, 'first', 'g');
      await send(queue, 'second', 'g');
      const [first] = await receive(queue, 1);
      const waiting = t.sqs.send(
        new ReceiveMessageCommand({ QueueUrl: queue.url, WaitTimeSeconds: 5, VisibilityTimeout: 600 }),
      );
      await sleep(100);
      const startedAt = performance.now();
      await remove(queue, first);
      const { Messages = [] } = await waiting;
      expect(Messages.map((m) => m.Body)).toEqual(['second']);
      expect(performance.now() - startedAt).toBeLessThan(2000);
    });

    it('10 consumers on 10 groups: every group in order, never two consumers on one group', async () => {
      const queue = await createQueue();
      const groups = Array.from({ length: 10 }, (_, g) => `group-${g}`);
      const perGroup = 20;
      await Promise.all(
        groups.map(async (group) => {
          for (let i = 0; i < perGroup; i += 1) await send(queue, `${group}:${i}`, group);
        }),
      );
      const seen = new Map<string, number[]>(groups.map((group) => [group, []]));
      const held = new Set<string>();
      const overlaps: string[] = [];
      let delivered = 0;
      await Promise.all(
        Array.from({ length: 10 }, async () => {
          for (let round = 0; round < 400 && delivered < groups.length * perGroup; round += 1) {
            const messages = await receive(queue, 10, 30);
            const mine = new Set(messages.map((m) => m.Attributes?.MessageGroupId ?? ''));
            for (const group of mine) {
              if (held.has(group)) overlaps.push(group);
              held.add(group);
            }
            for (const message of messages) {
              const [group = '', index = ''] = (message.Body ?? '').split(':');
              seen.get(group)?.push(Number(index));
            }
            await sleep(Math.random() * 5);
            // Release the groups before deleting: a group is free once its last message is gone.
            for (const group of mine) held.delete(group);
            for (const message of messages) await remove(queue, message);
            delivered += messages.length;
            if (messages.length === 0) await sleep(5);
          }
        }),
      );
      expect(overlaps).toEqual([]);
      for (const group of groups) expect(seen.get(group)).toEqual(Array.from({ length: perGroup }, (_, i) => i));
    });
  });

  describe('deduplication', () => {
    it('accepts a duplicate id within 5 minutes with the first answer and delivers once', async () => {
      const queue = await createQueue();
      const first = await send(queue, 'pay', 'g', { MessageDeduplicationId: 'payment-1' });
      const duplicate = await send(queue, 'pay again', 'g', { MessageDeduplicationId: 'payment-1' });
      expect(duplicate.MessageId).toBe(first.MessageId);
      expect(duplicate.SequenceNumber).toBe(first.SequenceNumber);
      const messages = await receive(queue);
      expect(messages.map((m) => m.Body)).toEqual(['pay']);
      await remove(queue, messages[0]);
      // Deleted or not, the id stays taken for the interval.
      await send(queue, 'pay', 'g', { MessageDeduplicationId: 'payment-1' });
      expect(await receive(queue)).toEqual([]);
    });

    it('deduplicates by content with ContentBasedDeduplication; an explicit id takes precedence', async () => {
      const queue = await createQueue({ ContentBasedDeduplication: 'true' });
      const send2 = (body: string, id?: string) =>
        t.sqs.send(
          new SendMessageCommand({
            QueueUrl: queue.url,
            MessageBody: body,
            MessageGroupId: 'g',
            MessageDeduplicationId: id,
          }),
        );
      const first = await send2('same');
      expect((await send2('same')).MessageId).toBe(first.MessageId);
      await send2('other');
      await send2('same', 'explicit');
      expect((await receive(queue)).map((m) => m.Body)).toEqual(['same', 'other', 'same']);
    });

    it('DeduplicationScope messageGroup keeps one id space per group; queue scope one for all', async () => {
      const perGroup = await createQueue({ DeduplicationScope: 'messageGroup' });
      await send(perGroup, 'x', 'a', { MessageDeduplicationId: 'same' });
      await send(perGroup, 'y', 'b', { MessageDeduplicationId: 'same' });
      expect((await receive(perGroup)).map((m) => m.Body).sort()).toEqual(['x', 'y']);
      const perQueue = await createQueue();
      await send(perQueue, 'x', 'a', { MessageDeduplicationId: 'same' });
      await send(perQueue, 'y', 'b', { MessageDeduplicationId: 'same' });
      expect((await receive(perQueue)).map((m) => m.Body)).toEqual(['x']);
    });

    it('accepts the same id again once the 5-minute interval has passed', async () => {
      const queue = await createQueue();
      const first = await send(queue, 'tick', 'g', { MessageDeduplicationId: 'window' });
      const realNow = Date.now.bind(Date);
      // The local cloud runs in this process: move its clock forward.
      jest.spyOn(Date, 'now').mockImplementation(() => realNow() + 4 * 60_000 + 59_000);
      expect((await send(queue, 'tick', 'g', { MessageDeduplicationId: 'window' })).MessageId).toBe(first.MessageId);
      jest.spyOn(Date, 'now').mockImplementation(() => realNow() + 5 * 60_000 + 1_000);
      const later = await send(queue, 'tock', 'g', { MessageDeduplicationId: 'window' });
      expect(later.MessageId).not.toBe(first.MessageId);
      expect((await receive(queue)).map((m) => m.Body)).toEqual(['tick', 'tock']);
    });

    it('PurgeQueue forgets the deduplication ids, so the same id is delivered again', async () => {
      const queue = await createQueue();
      await send(queue, 'before', 'g', { MessageDeduplicationId: 'same' });
      await t.sqs.send(new PurgeQueueCommand({ QueueUrl: queue.url }));
      const after = await send(queue, 'after', 'g', { MessageDeduplicationId: 'same' });
      expect((await receive(queue)).map((m) => [m.Body, m.MessageId])).toEqual([['after', after.MessageId]]);
    });

    it('100 parallel sends of one id store one message', async () => {
      const queue = await createQueue();
      const answers = await Promise.all(
        Array.from({ length: 100 }, () => send(queue, 'once', 'g', { MessageDeduplicationId: 'parallel' })),
      );
      expect(new Set(answers.map((answer) => answer.MessageId)).size).toBe(1);
      expect(await receive(queue)).toHaveLength(1);
    });
  });

  describe('ReceiveRequestAttemptId', () => {
    it('a retried receive gets the same messages and receipt handles; a new attempt gets the next', async () => {
      const queue = await createQueue();
      await send(queue, 'one', 'g');
      await send(queue, 'two', 'h');
      const attempt = (id: string) =>
        t.sqs.send(
          new ReceiveMessageCommand({ QueueUrl: queue.url, ReceiveRequestAttemptId: id, VisibilityTimeout: 600 }),
        );
      const { Messages: first = [] } = await attempt('attempt-1');
      const { Messages: retry = [] } = await attempt('attempt-1');
      expect(first.map((m) => m.Body)).toEqual(['one']);
      expect(retry.map((m) => [m.MessageId, m.ReceiptHandle])).toEqual(
        first.map((m) => [m.MessageId, m.ReceiptHandle]),
      );
      const { Messages: next = [] } = await attempt('attempt-2');
      expect(next.map((m) => m.Body)).toEqual(['two']);
      // Once deleted, the retry no longer returns it.
      await remove(queue, first[0]);
      const { Messages: afterDelete = [] } = await attempt('attempt-1');
      expect(afterDelete).toEqual([]);
      const invalid = await sqsError(attempt('not valid'));
      expect(invalid.name).toBe('InvalidParameterValue');
    });
  });

  describe('dead-letter queues', () => {
    it('needs a FIFO dead-letter queue, moves a message there with its group and unblocks the group', async () => {
      const standardDlq = await createQueue({}, false);
      const refused = await sqsError(
        createQueue({ RedrivePolicy: JSON.stringify({ deadLetterTargetArn: standardDlq.arn, maxReceiveCount: 1 }) }),
      );
      expect(refused.name).toBe('InvalidParameterValue');
      expect(refused.message).toMatch(/same type/);

      const dlq = await createQueue();
      const source = await createQueue({
        RedrivePolicy: JSON.stringify({ deadLetterTargetArn: dlq.arn, maxReceiveCount: 1 }),
      });
      await send(source, 'poison', 'g');
      await send(source, 'next', 'g');
      const [poison] = await receive(source, 1, 0);
      expect(poison?.Body).toBe('poison');
      // The second receive (5 s later on the cloud's clock) finds poison past maxReceiveCount: it
      // goes to the DLQ, next is delivered.
      const realNow = Date.now.bind(Date);
      jest.spyOn(Date, 'now').mockImplementation(() => realNow() + 5_000);
      expect((await receive(source, 1)).map((m) => m.Body)).toEqual(['next']);
      const [dead] = await receive(dlq);
      expect(dead).toMatchObject({
        Body: 'poison',
        MessageId: poison?.MessageId,
        Attributes: expect.objectContaining({ MessageGroupId: 'g', DeadLetterQueueSourceArn: source.arn }),
      });
      // Into a FIFO DLQ the deduplication id becomes the message id and the enqueue time restarts.
      expect(dead?.Attributes?.MessageDeduplicationId).toBe(poison?.MessageId);
      expect(Number(dead?.Attributes?.SentTimestamp)).toBeGreaterThanOrEqual(
        Number(poison?.Attributes?.SentTimestamp) + 5_000,
      );
    });

    it('a move task redrives a FIFO DLQ back in group order, with new deduplication ids', async () => {
      const dlq = await createQueue();
      const source = await createQueue({
        RedrivePolicy: JSON.stringify({ deadLetterTargetArn: dlq.arn, maxReceiveCount: 1 }),
      });
      const bodies = ['p1', 'p2', 'p3', 'p4'];
      for (const body of bodies) await send(source, body, 'g');
      // Each receive delivers the head once (VisibilityTimeout 0), the next receive dead-letters it.
      for (let round = 0; round < 20; round += 1) await receive(source, 1, 0);
      const { Attributes } = await t.sqs.send(
        new GetQueueAttributesCommand({ QueueUrl: dlq.url, AttributeNames: ['ApproximateNumberOfMessages'] }),
      );
      expect(Attributes?.ApproximateNumberOfMessages).toBe('4');

      const standard = await createQueue({}, false);
      const wrongType = await sqsError(
        t.sqs.send(new StartMessageMoveTaskCommand({ SourceArn: dlq.arn, DestinationArn: standard.arn })),
      );
      expect(wrongType.name).toBe('InvalidParameterValue');

      await t.sqs.send(new StartMessageMoveTaskCommand({ SourceArn: dlq.arn }));
      for (let i = 0; i < 100; i += 1) {
        const { Results = [] } = await t.sqs.send(new ListMessageMoveTasksCommand({ SourceArn: dlq.arn }));
        if (Results[0]?.Status === 'COMPLETED') break;
        await sleep(25);
      }
      const back = await receive(source);
      expect(back.map((m) => m.Body)).toEqual(bodies);
      for (const message of back) {
        expect(message.Attributes?.MessageGroupId).toBe('g');
        expect(message.Attributes?.MessageDeduplicationId).toBe(message.MessageId);
      }
    });
  });
});
