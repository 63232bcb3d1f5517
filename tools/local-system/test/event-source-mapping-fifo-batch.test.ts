import { describe, expect, it } from '@jest/globals';
import type { Message } from '@aws-sdk/client-sqs';
import {
  createGroupTracker,
  isFifoQueue,
  messageGroupsOf,
  orderFifoMessages,
  unreportedAfterFailure,
} from '../src/event-source-mapping/fifo-batch.js';
import { resolveMappingOptions } from '../src/event-source-mapping/event-source-mapping-options.js';
import { toSqsRecord } from '../src/event-source-mapping/sqs-event.js';

const QUEUE_ARN = 'arn:aws:sqs:eu-west-1:000000000000:orders.fifo';

/** A FIFO message as ReceiveMessage returns it with all system attributes. */
const fifoMessage = (group: string, sequence: bigint | undefined, id = `${group}-${sequence}`): Message => ({
  MessageId: id,
  ReceiptHandle: `rh-${id}`,
  Body: JSON.stringify({ group, sequence: String(sequence) }),
  Attributes: {
    ApproximateReceiveCount: '1',
    SentTimestamp: '1700000000000',
    SenderId: 'local',
    ApproximateFirstReceiveTimestamp: '1700000000001',
    MessageGroupId: group,
    MessageDeduplicationId: `dedup-${id}`,
    ...(sequence === undefined ? {} : { SequenceNumber: String(sequence) }),
  },
});

const BASE = 18_000_000_000_000_000_000n; // past 2^53, as SQS's sequence numbers are
const ids = (messages: Message[]) => messages.map((message) => message.MessageId);

describe('isFifoQueue', () => {
  it.each([
    ['http://127.0.0.1:4566/000000000000/orders.fifo', true],
    [QUEUE_ARN, true],
    ['http://127.0.0.1:4566/000000000000/orders', false],
    ['arn:aws:sqs:eu-west-1:000000000000:fifo', false],
  ])('tells %s is FIFO: %s', (queue, fifo) => {
    // Act & Assess
    expect(isFifoQueue(queue)).toBe(fifo);
  });
});

describe('orderFifoMessages', () => {
  it('orders each group by sequence number, keeping the places each group had', () => {
    // Prepare
    const messages = [
      fifoMessage('a', BASE + 3n),
      fifoMessage('b', BASE + 2n),
      fifoMessage('a', BASE + 1n),
      fifoMessage('b', BASE + 1n),
      fifoMessage('a', BASE + 2n),
    ];

    // Act
    const ordered = orderFifoMessages(messages);

    // Assess
    expect(ids(ordered)).toEqual([
      `a-${BASE + 1n}`,
      `b-${BASE + 1n}`,
      `a-${BASE + 2n}`,
      `b-${BASE + 2n}`,
      `a-${BASE + 3n}`,
    ]);
  });

  it('compares sequence numbers as integers past 2^53, not as strings or floats', () => {
    // Prepare: as floats both are 2^64; as strings "9…" sorts after "10…".
    const big = fifoMessage('a', 18_446_744_073_709_551_615n);
    const bigger = fifoMessage('a', 18_446_744_073_709_551_616n);
    const short = fifoMessage('a', 9_000_000_000_000_000_000n);

    // Act
    const ordered = orderFifoMessages([bigger, big, short]);

    // Assess
    expect(ids(ordered)).toEqual(ids([short, big, bigger]));
  });

  it('leaves a batch already in order as it is, and keeps messages without a sequence number in place', () => {
    // Prepare
    const inOrder = [fifoMessage('a', BASE + 1n), fifoMessage('b', BASE + 5n), fifoMessage('a', BASE + 2n)];
    const unnumbered = [fifoMessage('c', undefined, 'c-2'), fifoMessage('c', undefined, 'c-1')];

    // Act & Assess
    expect(ids(orderFifoMessages(inOrder))).toEqual(ids(inOrder));
    expect(ids(orderFifoMessages(unnumbered))).toEqual(['c-2', 'c-1']);
    expect(orderFifoMessages([])).toEqual([]);
  });

  it('orders 100 shuffled messages of 10 groups, each group ascending', () => {
    // Prepare
    const messages = Array.from({ length: 100 }, (_, i) => fifoMessage(`g${i % 10}`, BASE + BigInt(i)));
    const shuffled = [...messages].sort(() => Math.random() - 0.5);

    // Act
    const ordered = orderFifoMessages(shuffled);

    // Assess
    expect(ordered).toHaveLength(100);
    for (let g = 0; g < 10; g += 1) {
      const sequences = ordered
        .filter((message) => message.Attributes?.MessageGroupId === `g${g}`)
        .map((message) => BigInt(message.Attributes?.SequenceNumber ?? '0'));
      expect(sequences).toEqual([...sequences].sort((x, y) => (x < y ? -1 : 1)));
      expect(sequences).toHaveLength(10);
    }
    expect(new Set(ids(ordered))).toEqual(new Set(ids(messages)));
  });
});

describe('toSqsRecord for a FIFO message', () => {
  it('carries MessageGroupId, SequenceNumber and MessageDeduplicationId as Lambda does', () => {
    // Prepare
    const message = fifoMessage('orders-42', BASE + 7n);

    // Act
    const record = toSqsRecord(message, QUEUE_ARN);

    // Assess
    expect(record.attributes).toEqual({
      ApproximateReceiveCount: '1',
      SentTimestamp: '1700000000000',
      SenderId: 'local',
      ApproximateFirstReceiveTimestamp: '1700000000001',
      MessageGroupId: 'orders-42',
      SequenceNumber: String(BASE + 7n),
      MessageDeduplicationId: `dedup-orders-42-${BASE + 7n}`,
    });
    expect(record).toMatchObject({ eventSourceARN: QUEUE_ARN, awsRegion: 'eu-west-1' });
  });

  it('leaves the FIFO attributes out for a standard message', () => {
    // Prepare
    const message: Message = { MessageId: 'm-1', ReceiptHandle: 'rh', Body: 'x', Attributes: { SenderId: 'local' } };

    // Act
    const record = toSqsRecord(message, 'arn:aws:sqs:us-east-1:000000000000:jobs');

    // Assess
    expect(Object.keys(record.attributes)).not.toEqual(
      expect.arrayContaining(['MessageGroupId', 'SequenceNumber', 'MessageDeduplicationId']),
    );
    expect(record.attributes.MessageGroupId).toBeUndefined();
  });
});

describe('unreportedAfterFailure', () => {
  const records = ['a-1', 'b-1', 'a-2', 'b-2', 'a-3'].map((id) =>
    toSqsRecord(fifoMessage(id.slice(0, 1), BASE + BigInt(id.slice(2)), id), QUEUE_ARN),
  );

  it('returns the later records of a failed group that the function did not report', () => {
    // Act & Assess
    expect(unreportedAfterFailure(records, new Set(['a-2'])).map((record) => record.messageId)).toEqual(['a-3']);
  });

  it('returns nothing when the function reported its group from the failure on, or nothing failed', () => {
    // Act & Assess
    expect(unreportedAfterFailure(records, new Set(['a-2', 'a-3', 'b-2']))).toEqual([]);
    expect(unreportedAfterFailure(records, new Set())).toEqual([]);
    expect(messageGroupsOf(records)).toEqual(['a', 'b']);
  });
});

describe('createGroupTracker', () => {
  it('reports a group claimed while another batch still holds it, until that batch releases it', () => {
    // Prepare
    const tracker = createGroupTracker();

    // Act
    const first = tracker.claim(['a', 'b']);
    const overlapping = tracker.claim(['b', 'c']);
    tracker.release(['a', 'b']);
    const afterOneRelease = tracker.claim(['b']);
    tracker.release(['b', 'c']);
    tracker.release(['b']);
    const afterAll = tracker.claim(['a', 'b', 'c']);

    // Assess
    expect(first).toEqual([]);
    expect(overlapping).toEqual(['b']);
    expect(afterOneRelease).toEqual(['b']);
    expect(afterAll).toEqual([]);
  });
});

describe('resolveMappingOptions for a FIFO queue', () => {
  const fifo = {
    functionName: 'svc-dev-consumer',
    invokeEndpoint: 'http://127.0.0.1:3002',
    queueUrl: 'http://127.0.0.1:4566/000000000000/orders.fifo',
  };

  it.each([
    [{ batchSize: 11, maximumBatchingWindowInSeconds: 1 }, /FIFO queue takes a batchSize of at most 10/],
    [{ batchSize: 20 }, /FIFO queue takes a batchSize of at most 10/],
    [{ maximumBatchingWindowInSeconds: 1 }, /FIFO queue takes no batching window/],
  ])('refuses %o as AWS does', (override, message) => {
    // Act & Assess
    expect(() => resolveMappingOptions({ ...fifo, ...override })).toThrow(message);
  });

  it('accepts a batch of up to 10 without a window', () => {
    // Act & Assess
    expect(resolveMappingOptions({ ...fifo, batchSize: 10 }).batchSize).toBe(10);
  });
});
