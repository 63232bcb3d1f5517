import { describe, expect, it } from '@jest/globals';
import { DeleteMessageBatchCommand, type Message, type SQSClient } from '@aws-sdk/client-sqs';
import { createGroupTracker } from '../src/event-source-mapping/fifo-batch.js';
import type { InvokeOutcome, LambdaInvoker } from '../src/event-source-mapping/lambda-invoker.js';
import { processBatch, type BatchContext } from '../src/event-source-mapping/process-batch.js';
import type { SqsEvent } from '../src/event-source-mapping/sqs-event.js';
import { emptyStats, type EventSourceMappingLogger } from '../src/event-source-mapping/types.js';

const QUEUE_ARN = 'arn:aws:sqs:us-east-1:000000000000:orders.fifo';
const BASE = 18_000_000_000_000_000_000n;

const fifoMessage = (id: string, sequence: bigint): Message => ({
  MessageId: id,
  ReceiptHandle: `rh-${id}`,
  Body: id,
  Attributes: {
    ApproximateReceiveCount: '1',
    SentTimestamp: '1700000000000',
    SenderId: 'local',
    ApproximateFirstReceiveTimestamp: '1700000000001',
    MessageGroupId: id.split('-')[0] ?? '',
    SequenceNumber: String(sequence),
    MessageDeduplicationId: `dedup-${id}`,
  },
});

/** An SQS client that only records the receipt handles it was asked to delete, and every command. */
const fakeSqs = () => {
  const deleted: string[] = [];
  const commands: string[] = [];
  const client = {
    send: async (command: unknown) => {
      commands.push((command as object).constructor.name);
      if (command instanceof DeleteMessageBatchCommand) {
        const entries = command.input.Entries ?? [];
        deleted.push(...entries.map((entry) => entry.ReceiptHandle ?? ''));
        return { Successful: entries.map((entry) => ({ Id: entry.Id })), Failed: [] };
      }
      throw new Error(`unexpected ${(command as object).constructor.name}`);
    },
  } as unknown as SQSClient;
  return { client, deleted, commands };
};

/** An invoker whose function is `fn`; it keeps the events it was given. */
const fakeInvoker = (fn: (event: SqsEvent) => InvokeOutcome | Promise<InvokeOutcome>) => {
  const events: SqsEvent[] = [];
  const invoker: LambdaInvoker = {
    invoke: async (event) => {
      events.push(event as SqsEvent);
      return fn(event as SqsEvent);
    },
    destroy: () => undefined,
  };
  return { invoker, events };
};

const quietLogger = () => {
  const warnings: Array<{ message: string; details: Record<string, unknown> }> = [];
  const logger: EventSourceMappingLogger = {
    info: () => undefined,
    warn: (details, message) => warnings.push({ message, details }),
    error: () => undefined,
  };
  return { logger, warnings };
};

const contextFor = (
  invoker: LambdaInvoker,
  sqs: SQSClient,
  logger: EventSourceMappingLogger,
  overrides: Partial<BatchContext> = {},
): BatchContext => ({
  sqs,
  queueUrl: 'http://127.0.0.1:4566/000000000000/orders.fifo',
  queueArn: QUEUE_ARN,
  functionName: 'svc-local-consumer',
  invoker,
  reportBatchItemFailures: true,
  logger,
  stats: emptyStats(),
  fifo: true,
  groups: createGroupTracker(),
  ...overrides,
});

/** A FIFO-aware function: stops each group at its first failing record and reports it and the rest. */
const stopsGroupsAt =
  (failing: ReadonlySet<string>) =>
  (event: SqsEvent): InvokeOutcome => {
    const stopped = new Set<string>();
    const batchItemFailures: Array<{ itemIdentifier: string }> = [];
    for (const record of event.Records) {
      const group = record.attributes.MessageGroupId ?? '';
      if (stopped.has(group) || failing.has(record.messageId)) {
        stopped.add(group);
        batchItemFailures.push({ itemIdentifier: record.messageId });
      }
    }
    return { ok: true, payload: JSON.stringify({ batchItemFailures }) };
  };

// Received out of order within groups on purpose: the batch may be gathered from several receives.
const batch = (): Message[] => [
  fifoMessage('a-2', BASE + 2n),
  fifoMessage('b-1', BASE + 4n),
  fifoMessage('a-1', BASE + 1n),
  fifoMessage('b-2', BASE + 5n),
  fifoMessage('a-3', BASE + 3n),
  fifoMessage('c-1', BASE + 6n),
];

describe('processBatch on a FIFO queue', () => {
  it('invokes the function with the records of each group in sequence order', async () => {
    // Prepare
    const sqs = fakeSqs();
    const { invoker, events } = fakeInvoker(() => ({ ok: true, payload: 'null' }));

    // Act
    await processBatch(contextFor(invoker, sqs.client, quietLogger().logger), batch());

    // Assess
    expect(events[0]?.Records.map((record) => record.messageId)).toEqual(['a-1', 'b-1', 'a-2', 'b-2', 'a-3', 'c-1']);
    expect(events[0]?.Records[0]?.attributes).toMatchObject({
      MessageGroupId: 'a',
      SequenceNumber: String(BASE + 1n),
      MessageDeduplicationId: 'dedup-a-1',
    });
    expect(sqs.deleted.sort()).toEqual(['rh-a-1', 'rh-a-2', 'rh-a-3', 'rh-b-1', 'rh-b-2', 'rh-c-1']);
  });

  it('keeps a failed group from its failure on, deletes the rest, and touches no visibility', async () => {
    // Prepare
    const sqs = fakeSqs();
    const { invoker } = fakeInvoker(stopsGroupsAt(new Set(['a-2'])));
    const { logger, warnings } = quietLogger();
    const context = contextFor(invoker, sqs.client, logger);

    // Act
    await processBatch(context, batch());

    // Assess: a-2 and a-3 stay in flight, so SQS holds group a until the visibility timeout.
    expect(sqs.deleted.sort()).toEqual(['rh-a-1', 'rh-b-1', 'rh-b-2', 'rh-c-1']);
    expect(sqs.commands.every((name) => name === 'DeleteMessageBatchCommand')).toBe(true);
    expect(context.stats).toMatchObject({ succeeded: 4, failed: 2, deleted: 4, fifoUnreported: 0 });
    expect(warnings).toEqual([]);
  });

  it('deletes nothing of any group when the invocation fails', async () => {
    // Prepare
    const sqs = fakeSqs();
    const { invoker } = fakeInvoker(() => ({ ok: false, reason: 'function error (Unhandled): boom' }));
    const context = contextFor(invoker, sqs.client, quietLogger().logger);

    // Act
    await processBatch(context, batch());

    // Assess
    expect(sqs.deleted).toEqual([]);
    expect(sqs.commands).toEqual([]);
    expect(context.stats).toMatchObject({ failedInvocations: 1, failed: 6, deleted: 0 });
  });

  it('deletes, as Lambda does, later records of a failed group left unreported, and warns that order broke', async () => {
    // Prepare: a function that reports only the record that failed.
    const sqs = fakeSqs();
    const { invoker } = fakeInvoker(() => ({
      ok: true,
      payload: JSON.stringify({ batchItemFailures: [{ itemIdentifier: 'a-2' }] }),
    }));
    const { logger, warnings } = quietLogger();
    const context = contextFor(invoker, sqs.client, logger);

    // Act
    await processBatch(context, batch());

    // Assess
    expect(sqs.deleted).not.toContain('rh-a-2');
    expect(sqs.deleted).toContain('rh-a-3');
    expect(context.stats.fifoUnreported).toBe(1);
    expect(warnings).toEqual([
      expect.objectContaining({
        message: expect.stringContaining('not reported failed'),
        details: expect.objectContaining({ messageIds: ['a-3'] }),
      }),
    ]);
  });

  it('warns when the queue hands out a group another batch of the mapping still has in flight', async () => {
    // Prepare: the first batch's invocation waits until the second batch has been dispatched.
    const sqs = fakeSqs();
    let releaseFirst: () => void = () => undefined;
    const firstDone = new Promise<void>((resolve) => {
      releaseFirst = resolve;
    });
    let calls = 0;
    const { invoker } = fakeInvoker(async () => {
      calls += 1;
      if (calls === 1) await firstDone;
      return { ok: true, payload: '' };
    });
    const { logger, warnings } = quietLogger();
    const context = contextFor(invoker, sqs.client, logger);

    // Act
    const first = processBatch(context, [fifoMessage('a-1', BASE + 1n), fifoMessage('b-1', BASE + 2n)]);
    await processBatch(context, [fifoMessage('a-2', BASE + 3n)]);
    releaseFirst();
    await first;
    await processBatch(context, [fifoMessage('a-3', BASE + 4n)]);

    // Assess: only the second batch overlapped; after both finished, group a is free again.
    expect(context.stats.fifoGroupOverlaps).toBe(1);
    expect(warnings).toEqual([
      expect.objectContaining({ details: expect.objectContaining({ messageGroupIds: ['a'] }) }),
    ]);
  });

  it('leaves a standard queue batch in the order received', async () => {
    // Prepare
    const sqs = fakeSqs();
    const { invoker, events } = fakeInvoker(() => ({ ok: true, payload: '' }));
    const context = contextFor(invoker, sqs.client, quietLogger().logger, {
      fifo: false,
      queueArn: 'arn:aws:sqs:us-east-1:000000000000:orders',
    });
    delete context.groups;

    // Act
    await processBatch(context, batch());

    // Assess
    expect(events[0]?.Records.map((record) => record.messageId)).toEqual(['a-2', 'b-1', 'a-1', 'b-2', 'a-3', 'c-1']);
    expect(context.stats.fifoGroupOverlaps).toBe(0);
  });
});
