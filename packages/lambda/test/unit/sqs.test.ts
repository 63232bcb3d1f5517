import { describe, expect, it } from '@jest/globals';
import { z } from 'zod';
import { withinDeadline } from '@platform/deadline';
import { sqs } from '../../src/index.js';
import { capturingLogger, fixedSettings, lambdaContext } from '../fixtures/harness.js';
import { sqsEvent, sqsRecord } from '../fixtures/events.js';

const message = z.object({ companyId: z.string(), fail: z.boolean().optional() });

describe('sqs', () => {
  it('processes every valid record and reports no failure', async () => {
    const { logger } = capturingLogger();
    const seen: string[] = [];
    const handler = sqs({ settings: fixedSettings({}), logger, message }, async (m) => {
      seen.push(m.companyId);
    });
    const result = await handler(
      sqsEvent(sqsRecord('{"companyId":"a"}'), sqsRecord('{"companyId":"b"}')),
      lambdaContext(),
    );
    expect(result).toEqual({ batchItemFailures: [] });
    expect(seen).toEqual(['a', 'b']);
  });

  it('reports only the records that failed, whatever the reason, and still processes the rest', async () => {
    const { logger } = capturingLogger();
    const processed: string[] = [];
    const handler = sqs({ settings: fixedSettings({}), logger, message }, async (m) => {
      if (m.fail) throw new Error('downstream failed');
      processed.push(m.companyId);
    });
    const good1 = sqsRecord('{"companyId":"a"}');
    const throws = sqsRecord('{"companyId":"b","fail":true}');
    const malformed = sqsRecord('{not json');
    const invalid = sqsRecord('{"companyId":42}');
    const good2 = sqsRecord('{"companyId":"c"}');
    const result = await handler(sqsEvent(good1, throws, malformed, invalid, good2), lambdaContext());
    expect(result.batchItemFailures.map((f) => f.itemIdentifier)).toEqual([
      throws.messageId,
      malformed.messageId,
      invalid.messageId,
    ]);
    expect(processed).toEqual(['a', 'c']);
  });

  it('fails the whole batch when settings cannot be loaded', async () => {
    const { logger } = capturingLogger();
    const handler = sqs({ settings: fixedSettings({}, { unavailable: true }), logger, message }, async () => undefined);
    const records = [sqsRecord('{"companyId":"a"}'), sqsRecord('{"companyId":"b"}')];
    const result = await handler(sqsEvent(...records), lambdaContext());
    expect(result.batchItemFailures.map((f) => f.itemIdentifier)).toEqual(records.map((r) => r.messageId));
  });

  it('carries the correlation id from the message attributes into the context and logs', async () => {
    const { logger, lines } = capturingLogger();
    const ids: string[] = [];
    const handler = sqs({ settings: fixedSettings({}), logger, message }, async (_m, ctx) => {
      ids.push(ctx.correlationId);
      ctx.logger.info('working');
    });
    const record = sqsRecord('{"companyId":"a"}', {
      messageAttributes: {
        correlationId: { stringValue: 'corr-9', dataType: 'String', stringListValues: [], binaryListValues: [] },
      },
    });
    const plain = sqsRecord('{"companyId":"b"}');
    await handler(sqsEvent(record, plain), lambdaContext());
    expect(ids).toEqual(['corr-9', plain.messageId]);
    expect(lines().find((l) => l.message === 'working')).toMatchObject({
      correlationId: 'corr-9',
      messageId: record.messageId,
    });
  });

  it('runs at most `concurrency` records at once, from settings', async () => {
    const { logger } = capturingLogger();
    let running = 0;
    let peak = 0;
    const handler = sqs(
      { settings: fixedSettings({ limit: 3 }), logger, message, concurrency: (s) => s.limit },
      async () => {
        running += 1;
        peak = Math.max(peak, running);
        await new Promise((resolve) => setTimeout(resolve, 10));
        running -= 1;
      },
    );
    const records = Array.from({ length: 10 }, (_, i) => sqsRecord(`{"companyId":"c${i}"}`));
    const result = await handler(sqsEvent(...records), lambdaContext());
    expect(result.batchItemFailures).toEqual([]);
    expect(peak).toBe(3);
  });

  it('gives the receive count to the function', async () => {
    const { logger } = capturingLogger();
    const counts: number[] = [];
    const handler = sqs({ settings: fixedSettings({}), logger, message }, async (_m, ctx) => {
      counts.push(ctx.receiveCount);
    });
    const record = sqsRecord('{"companyId":"a"}');
    record.attributes.ApproximateReceiveCount = '4';
    await handler(sqsEvent(record), lambdaContext());
    expect(counts).toEqual([4]);
  });

  it("fails only the records still waiting at the invocation's deadline, in time to report them", async () => {
    const { logger } = capturingLogger();
    const handler = sqs(
      { settings: fixedSettings({}), logger, message: z.object({ n: z.number() }), concurrency: 10 },
      async ({ n }) => {
        if (n % 3 === 0) await withinDeadline(new Promise<never>(() => undefined), 'Hung API');
      },
    );
    const records = Array.from({ length: 9 }, (_, n) => sqsRecord(JSON.stringify({ n }), { messageId: `m-${n}` }));
    const started = Date.now();

    const result = await handler(sqsEvent(...records), lambdaContext('fn', 600));

    expect(Date.now() - started).toBeLessThan(600);
    expect(result.batchItemFailures.map((failure) => failure.itemIdentifier)).toEqual(['m-0', 'm-3', 'm-6']);
  });
});
