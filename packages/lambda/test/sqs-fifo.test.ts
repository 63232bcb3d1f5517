import { describe, expect, it } from '@jest/globals';
import type { SQSRecord } from 'aws-lambda';
import { z } from 'zod';
import { sqs } from '../src/index.js';
import { capturingLogger, fixedSettings, lambdaContext } from './fixtures/harness.js';
import { sqsEvent, sqsRecord } from './fixtures/events.js';

const FIFO_ARN = 'arn:aws:sqs:us-east-1:000000000000:orders.fifo';
const message = z.object({ group: z.string(), n: z.number(), fail: z.boolean().optional() });
type Message = z.output<typeof message>;

let sequence = 18_000_000_000_000_000_000n;

/** A record of a FIFO queue as Lambda delivers it: group, sequence number and deduplication id set. */
const fifoRecord = (group: string, n: number, extra: Partial<Message> = {}, body?: string): SQSRecord => {
  sequence += 1n;
  const record = sqsRecord(body ?? JSON.stringify({ group, n, ...extra }), {
    messageId: `${group}-${n}`,
    eventSourceARN: FIFO_ARN,
  });
  record.attributes = {
    ...record.attributes,
    MessageGroupId: group,
    SequenceNumber: String(sequence),
    MessageDeduplicationId: `${group}-${n}-dedup`,
  };
  return record;
};

/** `count` records in each of `groups`, interleaved as a FIFO batch usually arrives. */
const interleaved = (groups: string[], count: number): SQSRecord[] =>
  Array.from({ length: count }, (_, n) => groups.map((group) => fifoRecord(group, n))).flat();

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
const failedIds = (result: { batchItemFailures: Array<{ itemIdentifier: string }> }) =>
  result.batchItemFailures.map((failure) => failure.itemIdentifier);

/** Runs records through a handler that notes, per group, the order records ran in and any overlap. */
const tracker = () => {
  const order = new Map<string, number[]>();
  const running = new Map<string, number>();
  let runningTotal = 0;
  let peakTotal = 0;
  let overlapInGroup = false;
  const run = async (m: Message, work: () => Promise<void> = () => sleep(Math.random() * 5)) => {
    running.set(m.group, (running.get(m.group) ?? 0) + 1);
    if ((running.get(m.group) ?? 0) > 1) overlapInGroup = true;
    runningTotal += 1;
    peakTotal = Math.max(peakTotal, runningTotal);
    try {
      order.set(m.group, [...(order.get(m.group) ?? []), m.n]);
      await work();
    } finally {
      running.set(m.group, (running.get(m.group) ?? 1) - 1);
      runningTotal -= 1;
    }
  };
  return { run, order, peak: () => peakTotal, overlapped: () => overlapInGroup };
};

describe('sqs with a FIFO queue', () => {
  it('processes the records of each message group one at a time, in batch order', async () => {
    // Prepare
    const seen = tracker();
    const handler = sqs(
      { settings: fixedSettings({}), logger: capturingLogger().logger, message, concurrency: 8 },
      (m) => seen.run(m),
    );
    const groups = ['a', 'b', 'c', 'd'];

    // Act
    const result = await handler(sqsEvent(...interleaved(groups, 8)), lambdaContext());

    // Assess
    expect(result).toEqual({ batchItemFailures: [] });
    expect(seen.overlapped()).toBe(false);
    for (const group of groups) expect(seen.order.get(group)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
  });

  it('runs different groups side by side, never more than `concurrency` records at once', async () => {
    // Prepare
    const seen = tracker();
    const handler = sqs(
      { settings: fixedSettings({}), logger: capturingLogger().logger, message, concurrency: 3 },
      (m) => seen.run(m, () => sleep(40)),
    );
    const started = Date.now();

    // Act
    const result = await handler(sqsEvent(...interleaved(['a', 'b', 'c', 'd', 'e', 'f'], 2)), lambdaContext());

    // Assess: 12 records of 40 ms, 3 at a time, take about 160 ms (480 ms one by one).
    expect(result.batchItemFailures).toEqual([]);
    expect(seen.peak()).toBe(3);
    expect(Date.now() - started).toBeLessThan(400);
  });

  it('keeps one record at a time by default, groups included', async () => {
    // Prepare
    const seen = tracker();
    const handler = sqs({ settings: fixedSettings({}), logger: capturingLogger().logger, message }, (m) => seen.run(m));

    // Act
    await handler(sqsEvent(...interleaved(['a', 'b', 'c'], 3)), lambdaContext());

    // Assess
    expect(seen.peak()).toBe(1);
  });

  it('stops a group at its first failure and reports that record and the rest of its group, not other groups', async () => {
    // Prepare
    const { logger, lines } = capturingLogger();
    const seen = tracker();
    const handler = sqs({ settings: fixedSettings({}), logger, message, concurrency: 2 }, async (m) => {
      await seen.run(m);
      if (m.fail) throw new Error('downstream refused');
    });
    const records = [
      fifoRecord('a', 0),
      fifoRecord('b', 0),
      fifoRecord('a', 1, { fail: true }),
      fifoRecord('b', 1),
      fifoRecord('a', 2),
      fifoRecord('b', 2),
      fifoRecord('a', 3),
    ];

    // Act
    const result = await handler(sqsEvent(...records), lambdaContext());

    // Assess
    expect(failedIds(result)).toEqual(['a-1', 'a-2', 'a-3']);
    expect(seen.order.get('a')).toEqual([0, 1]);
    expect(seen.order.get('b')).toEqual([0, 1, 2]);
    expect(lines().find((line) => line.message?.toString().startsWith('FIFO records after a failure'))).toMatchObject({
      skipped: 2,
    });
  });

  it('handles 100 records across 10 groups: every group in order, only the failed groups reported', async () => {
    // Prepare
    const seen = tracker();
    const groups = Array.from({ length: 10 }, (_, g) => `g${g}`);
    const failAt = new Map([
      ['g3', 4],
      ['g7', 0],
      ['g9', 9],
    ]);
    const handler = sqs(
      {
        settings: fixedSettings({ limit: 10 }),
        logger: capturingLogger().logger,
        message,
        concurrency: (s) => s.limit,
      },
      async (m) => {
        await seen.run(m);
        if (failAt.get(m.group) === m.n) throw new Error(`${m.group} failed at ${m.n}`);
      },
    );
    const records = interleaved(groups, 10);

    // Act
    const result = await handler(sqsEvent(...records), lambdaContext());

    // Assess
    const expected = records
      .filter((record) => {
        const { group, n } = JSON.parse(record.body) as Message;
        return failAt.has(group) && n >= (failAt.get(group) ?? Infinity);
      })
      .map((record) => record.messageId);
    expect(failedIds(result)).toEqual(expected);
    expect(expected).toHaveLength(6 + 10 + 1);
    expect(seen.overlapped()).toBe(false);
    expect(seen.peak()).toBeLessThanOrEqual(10);
    for (const group of groups) {
      const ran = failAt.has(group) ? (failAt.get(group) ?? 0) + 1 : 10;
      expect(seen.order.get(group)).toEqual(Array.from({ length: ran }, (_, n) => n));
    }
  });

  it('abandons a record that hangs at the deadline and reports the rest of its group, in time to answer', async () => {
    // Prepare
    const done: string[] = [];
    const handler = sqs(
      { settings: fixedSettings({}), logger: capturingLogger().logger, message, concurrency: 2 },
      async (m) => {
        if (m.group === 'a' && m.n === 1) await new Promise<never>(() => undefined);
        done.push(`${m.group}-${m.n}`);
      },
    );
    const records = interleaved(['a', 'b'], 3);
    const started = Date.now();

    // Act
    const result = await handler(sqsEvent(...records), lambdaContext('fn', 600));

    // Assess
    expect(Date.now() - started).toBeLessThan(600);
    expect(failedIds(result)).toEqual(['a-1', 'a-2']);
    expect(done).toEqual(expect.arrayContaining(['a-0', 'b-0', 'b-1', 'b-2']));
    expect(done).not.toContain('a-2');
  });

  it.each([
    ['null', null],
    ['undefined', undefined],
    ['a number', 42],
    ['a string', 'nope'],
    [
      'an object with a throwing getter',
      Object.defineProperty({}, 'message', {
        get: () => {
          throw new Error('getter');
        },
      }),
    ],
    [
      'a circular object',
      (() => {
        const o: Record<string, unknown> = {};
        o.self = o;
        return o;
      })(),
    ],
  ])('treats a thrown %s as a failure of its record and stops its group', async (_case, thrown) => {
    // Prepare
    const handler = sqs(
      { settings: fixedSettings({}), logger: capturingLogger().logger, message, concurrency: 2 },
      (m) => {
        if (m.fail) throw thrown;
      },
    );
    const records = [fifoRecord('a', 0, { fail: true }), fifoRecord('b', 0), fifoRecord('a', 1), fifoRecord('b', 1)];

    // Act
    const result = await handler(sqsEvent(...records), lambdaContext());

    // Assess
    expect(failedIds(result)).toEqual(['a-0', 'a-1']);
  });

  it('stops a group at a record that is not JSON or not valid, as at any failure', async () => {
    // Prepare
    const seen: string[] = [];
    const handler = sqs({ settings: fixedSettings({}), logger: capturingLogger().logger, message }, (m) => {
      seen.push(`${m.group}-${m.n}`);
    });
    const records = [
      fifoRecord('a', 0),
      fifoRecord('a', 1, {}, '{not json'),
      fifoRecord('a', 2),
      fifoRecord('b', 0, {}, '{"group":"b","n":"zero"}'),
      fifoRecord('b', 1),
      fifoRecord('c', 0),
    ];

    // Act
    const result = await handler(sqsEvent(...records), lambdaContext());

    // Assess
    expect(failedIds(result)).toEqual(['a-1', 'a-2', 'b-0', 'b-1']);
    expect(seen).toEqual(['a-0', 'c-0']);
  });

  it("with fifoFailureScope 'batch', starts nothing after the first failure", async () => {
    // Prepare
    const seen: string[] = [];
    const handler = sqs(
      { settings: fixedSettings({}), logger: capturingLogger().logger, message, fifoFailureScope: 'batch' },
      (m) => {
        seen.push(`${m.group}-${m.n}`);
        if (m.fail) throw new Error('failed');
      },
    );
    const records = [fifoRecord('a', 0), fifoRecord('a', 1, { fail: true }), fifoRecord('b', 0), fifoRecord('a', 2)];

    // Act
    const result = await handler(sqsEvent(...records), lambdaContext());

    // Assess: one at a time, group a runs first; everything after its failure returns unprocessed.
    expect(seen).toEqual(['a-0', 'a-1']);
    expect(failedIds(result)).toEqual(['a-1', 'b-0', 'a-2']);
  });

  it('gives the message group and sequence number to the function', async () => {
    // Prepare
    const contexts: Array<{ messageGroupId?: string; sequenceNumber?: string }> = [];
    const handler = sqs({ settings: fixedSettings({}), logger: capturingLogger().logger, message }, (_m, ctx) => {
      contexts.push({ messageGroupId: ctx.messageGroupId, sequenceNumber: ctx.sequenceNumber });
    });
    const record = fifoRecord('a', 0);

    // Act
    await handler(sqsEvent(record), lambdaContext());

    // Assess
    expect(contexts).toEqual([{ messageGroupId: 'a', sequenceNumber: record.attributes.SequenceNumber }]);
  });

  it('treats a .fifo queue whose records lack group ids as one group, in order', async () => {
    // Prepare
    const seen = tracker();
    const handler = sqs(
      { settings: fixedSettings({}), logger: capturingLogger().logger, message, concurrency: 5 },
      async (m) => {
        await seen.run({ ...m, group: 'all' });
        if (m.fail) throw new Error('failed');
      },
    );
    const records = Array.from({ length: 5 }, (_, n) =>
      sqsRecord(JSON.stringify({ group: 'x', n, fail: n === 3 }), { messageId: `m-${n}`, eventSourceARN: FIFO_ARN }),
    );

    // Act
    const result = await handler(sqsEvent(...records), lambdaContext());

    // Assess
    expect(seen.order.get('all')).toEqual([0, 1, 2, 3]);
    expect(seen.peak()).toBe(1);
    expect(failedIds(result)).toEqual(['m-3', 'm-4']);
  });

  it('recognises FIFO records by their MessageGroupId when the ARN does not say', async () => {
    // Prepare
    const seen = tracker();
    const handler = sqs(
      { settings: fixedSettings({}), logger: capturingLogger().logger, message, concurrency: 4 },
      async (m) => {
        await seen.run(m);
        if (m.fail) throw new Error('failed');
      },
    );
    const records = [fifoRecord('a', 0, { fail: true }), fifoRecord('a', 1)].map((record) => ({
      ...record,
      eventSourceARN: 'arn:aws:sqs:us-east-1:000000000000:orders',
    }));

    // Act
    const result = await handler(sqsEvent(...records), lambdaContext());

    // Assess
    expect(seen.order.get('a')).toEqual([0]);
    expect(failedIds(result)).toEqual(['a-0', 'a-1']);
  });

  it('leaves standard queues as they were: records isolated and side by side', async () => {
    // Prepare
    const seen = tracker();
    const handler = sqs(
      { settings: fixedSettings({}), logger: capturingLogger().logger, message, concurrency: 4 },
      async (m) => {
        await seen.run({ ...m, group: 'same' }, () => sleep(20));
        if (m.fail) throw new Error('failed');
      },
    );
    const records = Array.from({ length: 4 }, (_, n) =>
      sqsRecord(JSON.stringify({ group: 'x', n, fail: n === 0 }), { messageId: `m-${n}` }),
    );

    // Act
    const result = await handler(sqsEvent(...records), lambdaContext());

    // Assess
    expect(seen.peak()).toBe(4);
    expect(failedIds(result)).toEqual(['m-0']);
  });

  it('fails the whole FIFO batch when settings cannot be loaded', async () => {
    // Prepare
    const handler = sqs(
      { settings: fixedSettings({}, { unavailable: true }), logger: capturingLogger().logger, message },
      () => undefined,
    );
    const records = interleaved(['a', 'b'], 2);

    // Act
    const result = await handler(sqsEvent(...records), lambdaContext());

    // Assess
    expect(failedIds(result)).toEqual(records.map((record) => record.messageId));
  });
});
