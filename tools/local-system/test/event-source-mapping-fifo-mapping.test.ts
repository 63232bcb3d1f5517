import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, describe, expect, it } from '@jest/globals';
import {
  CreateQueueCommand,
  DeleteMessageBatchCommand,
  SendMessageCommand,
  GetQueueAttributesCommand,
  ReceiveMessageCommand,
  type Message,
  type SQSClient,
} from '@aws-sdk/client-sqs';
import { startEventSourceMapping, type EventSourceMapping } from '../src/event-source-mapping/event-source-mapping.js';
import type { SqsEvent } from '../src/event-source-mapping/sqs-event.js';
import { startTestCloud } from './helpers/clients.js';

const QUEUE_URL = 'http://127.0.0.1:4566/000000000000/orders.fifo';
const QUEUE_ARN = 'arn:aws:sqs:us-east-1:000000000000:orders.fifo';

interface Stored {
  id: string;
  group: string;
  sequence: bigint;
  body: string;
  receiveCount: number;
  invisibleUntil: number;
  receiptHandle?: string;
}

/**
 * An in-memory FIFO queue behind an SQS client, with SQS's FIFO rules for ReceiveMessage: in
 * order within each group, and nothing of a group while one of its messages is in flight. It lets
 * the first test observe the mapper alone; the second runs against the local SQS's FIFO queues.
 */
const fakeFifoQueue = (visibilityTimeoutMs: number) => {
  const messages: Stored[] = [];
  let sequence = 18_000_000_000_000_000_000n;
  let handles = 0;
  const send = (group: string, body: string): void => {
    sequence += 1n;
    messages.push({ id: `${group}-${body}`, group, sequence, body, receiveCount: 0, invisibleUntil: 0 });
  };
  const receive = (max: number): Message[] => {
    const now = Date.now();
    const blocked = new Set(messages.filter((m) => m.invisibleUntil > now).map((m) => m.group));
    const taken: Stored[] = [];
    for (const message of messages) {
      if (taken.length >= max) break;
      if (!blocked.has(message.group)) taken.push(message);
    }
    for (const message of taken) {
      message.receiveCount += 1;
      message.invisibleUntil = now + visibilityTimeoutMs;
      handles += 1;
      message.receiptHandle = `rh-${handles}`;
    }
    return taken.map((m) => ({
      MessageId: m.id,
      ReceiptHandle: m.receiptHandle,
      Body: m.body,
      Attributes: {
        ApproximateReceiveCount: String(m.receiveCount),
        SentTimestamp: '1700000000000',
        SenderId: 'local',
        ApproximateFirstReceiveTimestamp: '1700000000001',
        MessageGroupId: m.group,
        SequenceNumber: String(m.sequence),
        MessageDeduplicationId: `dedup-${m.id}`,
      },
    }));
  };
  const client = {
    send: async (command: unknown, options?: { abortSignal?: AbortSignal }) => {
      if (command instanceof GetQueueAttributesCommand)
        return { Attributes: { QueueArn: QUEUE_ARN, VisibilityTimeout: String(visibilityTimeoutMs / 1000) } };
      if (command instanceof ReceiveMessageCommand) {
        const received = receive(command.input.MaxNumberOfMessages ?? 1);
        if (received.length === 0) await sleep(20, undefined, { signal: options?.abortSignal }).catch(() => undefined);
        return { Messages: received };
      }
      if (command instanceof DeleteMessageBatchCommand) {
        const entries = command.input.Entries ?? [];
        for (const entry of entries) {
          const index = messages.findIndex((m) => m.receiptHandle === entry.ReceiptHandle);
          if (index >= 0) messages.splice(index, 1);
        }
        return { Successful: entries.map((entry) => ({ Id: entry.Id })), Failed: [] };
      }
      throw new Error(`unexpected ${(command as object).constructor.name}`);
    },
  } as unknown as SQSClient;
  return { client, send, remaining: () => messages.length };
};

/** A Lambda Invoke endpoint whose one function is `fn`. */
const startLambda = async (fn: (event: SqsEvent) => unknown): Promise<{ server: Server; endpoint: string }> => {
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const result = fn(JSON.parse(Buffer.concat(chunks).toString('utf8')) as SqsEvent);
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify(result ?? null));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
};

const waitFor = async (check: () => boolean, timeoutMs = 10_000): Promise<void> => {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await sleep(20);
  }
};

describe('startEventSourceMapping on a FIFO queue', () => {
  let mapping: EventSourceMapping | undefined;
  let server: Server | undefined;
  afterEach(async () => {
    await mapping?.stop();
    await new Promise((resolve) => server?.close(resolve));
  });

  it('redelivers a failed group after the visibility timeout, in order, while the other groups go on', async () => {
    // Prepare: a FIFO-aware function that fails a-2 on its first delivery.
    const queue = fakeFifoQueue(600);
    const processed: Array<{ id: string; at: number }> = [];
    const lambda = await startLambda((event) => {
      const stopped = new Set<string>();
      const batchItemFailures: Array<{ itemIdentifier: string }> = [];
      for (const record of event.Records) {
        const group = record.attributes.MessageGroupId ?? '';
        const firstTry = record.attributes.ApproximateReceiveCount === '1';
        if (stopped.has(group) || (record.messageId === 'a-2' && firstTry)) {
          stopped.add(group);
          batchItemFailures.push({ itemIdentifier: record.messageId });
        } else processed.push({ id: record.messageId, at: Date.now() });
      }
      return { batchItemFailures };
    });
    server = lambda.server;
    for (let n = 1; n <= 5; n += 1) for (const group of ['a', 'b', 'c']) queue.send(group, String(n));
    const started = Date.now();

    // Act
    mapping = startEventSourceMapping({
      functionName: 'svc-local-consumer',
      invokeEndpoint: lambda.endpoint,
      queueUrl: QUEUE_URL,
      sqs: queue.client,
      batchSize: 4,
      maximumConcurrency: 3,
      reportBatchItemFailures: true,
      logger: { info: () => undefined, warn: () => undefined, error: () => undefined },
    });
    await waitFor(() => queue.remaining() === 0);

    // Assess
    const order = (group: string) => processed.filter((p) => p.id.startsWith(`${group}-`)).map((p) => p.id);
    for (const group of ['a', 'b', 'c']) expect(order(group)).toEqual([1, 2, 3, 4, 5].map((n) => `${group}-${n}`));
    const at = (id: string) => processed.find((p) => p.id === id)?.at ?? Infinity;
    expect(at('a-2') - started).toBeGreaterThanOrEqual(550);
    expect(at('b-5')).toBeLessThan(at('a-2'));
    expect(at('c-5')).toBeLessThan(at('a-2'));
    expect(mapping.stats).toMatchObject({ fifoUnreported: 0, fifoGroupOverlaps: 0, deleted: 15 });
  });

  it('against the local SQS: a failed group waits out its visibility timeout, in order, while the others go on', async () => {
    // Prepare: a real FIFO queue (visibility 1 s) and the same FIFO-aware function.
    const t = await startTestCloud({ postgres: false });
    try {
      const { QueueUrl = '' } = await t.sqs.send(
        new CreateQueueCommand({
          QueueName: 'mapped.fifo',
          Attributes: { FifoQueue: 'true', ContentBasedDeduplication: 'true', VisibilityTimeout: '1' },
        }),
      );
      const bodies = new Map<string, string>();
      const processed: Array<{ body: string; at: number }> = [];
      const failedOnce = new Set<string>();
      const lambda = await startLambda((event) => {
        const stopped = new Set<string>();
        const batchItemFailures: Array<{ itemIdentifier: string }> = [];
        for (const record of event.Records) {
          const group = record.attributes.MessageGroupId ?? '';
          const fail = record.body === 'a-2' && !failedOnce.has(record.body);
          if (fail) failedOnce.add(record.body);
          if (stopped.has(group) || fail) {
            stopped.add(group);
            batchItemFailures.push({ itemIdentifier: record.messageId });
          } else processed.push({ body: record.body, at: Date.now() });
        }
        return { batchItemFailures };
      });
      server = lambda.server;
      for (let n = 1; n <= 5; n += 1) {
        for (const group of ['a', 'b', 'c']) {
          const body = `${group}-${n}`;
          const sent = await t.sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: body, MessageGroupId: group }));
          bodies.set(sent.MessageId ?? '', body);
        }
      }
      const started = Date.now();

      // Act
      mapping = startEventSourceMapping({
        functionName: 'svc-local-consumer',
        invokeEndpoint: lambda.endpoint,
        queueUrl: QueueUrl,
        sqsEndpoint: t.cloud.endpoint,
        region: t.cloud.region,
        batchSize: 4,
        maximumConcurrency: 3,
        reportBatchItemFailures: true,
        logger: { info: () => undefined, warn: () => undefined, error: () => undefined },
      });
      await waitFor(() => processed.length === 15, 15_000);

      // Assess
      const order = (group: string) => processed.filter((p) => p.body.startsWith(`${group}-`)).map((p) => p.body);
      for (const group of ['a', 'b', 'c']) expect(order(group)).toEqual([1, 2, 3, 4, 5].map((n) => `${group}-${n}`));
      const at = (body: string) => processed.find((p) => p.body === body)?.at ?? Infinity;
      expect(at('a-2') - started).toBeGreaterThanOrEqual(900);
      expect(at('b-5')).toBeLessThan(at('a-2'));
      expect(at('c-5')).toBeLessThan(at('a-2'));
      await waitFor(() => mapping?.stats.deleted === 15);
      expect(mapping.stats).toMatchObject({ fifoUnreported: 0, fifoGroupOverlaps: 0 });
    } finally {
      await mapping?.stop();
      mapping = undefined;
      await t.stop();
    }
  });
});
