import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Context } from 'aws-lambda';
import { SendMessageBatchCommand, type Message } from '@aws-sdk/client-sqs';
import type { RedriveResult } from '../../src/core/redrive-dlq.js';
import { lambdaContext } from '../fixtures/lambda.js';
import { createQueue, depth, drain, putSettings, startLocalStack, type LocalStack } from '../fixtures/local-stack.js';

type RedriveHandler = (event: unknown, context: Context) => Promise<RedriveResult>;

const STAGE = 'itest';

describe('redriveDlq handler, on the local cloud', () => {
  let stack: LocalStack;
  let redrive: RedriveHandler;
  let source: { url: string; arn: string };
  let dlq: { url: string; arn: string };
  const context = () => lambdaContext(`fetch-service-${STAGE}-redriveDlq`);

  /** Parks `count` fetch requests in the DLQ, with string, number and binary attributes. */
  const park = async (count: number, offset = 0): Promise<string[]> => {
    const bodies = Array.from({ length: count }, (_, i) =>
      JSON.stringify({ companyId: `c-${offset + i}`, requestedAt: '2026-11-23T10:00:00.000Z' }),
    );
    for (let i = 0; i < count; i += 10) {
      await stack.sqs.send(
        new SendMessageBatchCommand({
          QueueUrl: dlq.url,
          Entries: bodies.slice(i, i + 10).map((body, index) => ({
            Id: String(index),
            MessageBody: body,
            MessageAttributes: {
              correlationId: { DataType: 'String', StringValue: `corr-${offset + i + index}` },
              attempt: { DataType: 'Number', StringValue: '5' },
              trace: { DataType: 'Binary', BinaryValue: Uint8Array.from([1, 2, 3]) },
            },
          })),
        }),
      );
    }
    return bodies;
  };
  const correlationOf = (message: Message) => message.MessageAttributes?.correlationId?.StringValue;

  beforeAll(async () => {
    stack = await startLocalStack(STAGE);
    dlq = await createQueue(stack.sqs, `fetch-service-${STAGE}-fetch-requests-dlq`);
    source = await createQueue(stack.sqs, `fetch-service-${STAGE}-fetch-requests`, dlq.arn);
    const riskUpdates = await createQueue(stack.sqs, `risk-service-${STAGE}-risk-updates`);
    await putSettings(stack.ssm, STAGE, {
      'shared/logLevel': 'silent',
      'shared/queues/fetchRequests/url': source.url,
      'shared/queues/fetchRequestsDlq/url': dlq.url,
      'shared/queues/riskUpdates/url': riskUpdates.url,
      'fetch-service/legacy/baseUrl': 'http://127.0.0.1:9',
    });
    redrive = (await import('../../src/functions/redrive-dlq/handler.js')).handler;
  });
  afterAll(async () => {
    await stack?.stop();
  });

  it('moves at most max messages, then the rest, leaving the DLQ empty and bodies and attributes intact', async () => {
    const bodies = await park(23);

    expect(await redrive({ max: 5 }, context())).toEqual({ moved: 5, failed: 0, notDeleted: 0 });
    expect(await depth(stack.sqs, dlq.url)).toBe(18);
    expect(await redrive({}, context())).toEqual({ moved: 18, failed: 0, notDeleted: 0 });

    expect(await depth(stack.sqs, dlq.url)).toBe(0);
    const moved = await drain(stack.sqs, source.url);
    expect(moved.map((message) => message.Body).sort()).toEqual([...bodies].sort());
    for (const message of moved) {
      const index = JSON.parse(message.Body ?? '{}').companyId.slice(2);
      expect(correlationOf(message)).toBe(`corr-${index}`);
      expect(message.MessageAttributes?.attempt).toMatchObject({ DataType: 'Number', StringValue: '5' });
      expect([...(message.MessageAttributes?.trace?.BinaryValue ?? [])]).toEqual([1, 2, 3]);
    }
  });

  it('answers zeros for an empty DLQ', async () => {
    expect(await redrive(undefined, context())).toEqual({ moved: 0, failed: 0, notDeleted: 0 });
  });

  it('leaves messages in the DLQ when they cannot be sent back', async () => {
    await park(4, 100);
    stack.cloud.faults.add({
      target: 'AmazonSQS.SendMessageBatch',
      code: 'InternalError',
      statusCode: 500,
      count: 1000,
    });

    try {
      expect(await redrive({}, context())).toEqual({ moved: 0, failed: 4, notDeleted: 0 });
    } finally {
      stack.cloud.faults.clear();
    }
    expect(await depth(stack.sqs, dlq.url)).toBe(4);
  });

  it('refuses a payload it cannot read', async () => {
    await expect(redrive({ max: -1 }, context())).rejects.toThrow(/max/);
  });
});
