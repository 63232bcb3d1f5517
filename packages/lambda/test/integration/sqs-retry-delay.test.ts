import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { z } from 'zod';
import {
  CreateQueueCommand,
  GetQueueAttributesCommand,
  ReceiveMessageCommand,
  SendMessageCommand,
  SQSClient,
} from '@aws-sdk/client-sqs';
import type { SQSRecord } from 'aws-lambda';
import { resetAwsClients } from '@platform/aws';
import { startLocalCloud, type LocalCloud } from '@platform/local-cloud';
import { exponentialRetryDelay, sqs } from '../../src/index.js';
import { capturingLogger, fixedSettings, lambdaContext } from '../fixtures/harness.js';

describe('sqs with retryDelay', () => {
  let cloud: LocalCloud;
  let client: SQSClient;
  let queueUrl: string;
  let queueArn: string;

  /** Receives one message and shapes it as Lambda's event record. */
  const receiveRecord = async (): Promise<SQSRecord | undefined> => {
    const { Messages = [] } = await client.send(
      new ReceiveMessageCommand({ QueueUrl: queueUrl, MaxNumberOfMessages: 1, MessageSystemAttributeNames: ['All'] }),
    );
    const [message] = Messages;
    if (!message) return undefined;
    return {
      messageId: message.MessageId ?? '',
      receiptHandle: message.ReceiptHandle ?? '',
      body: message.Body ?? '',
      attributes: message.Attributes as unknown as SQSRecord['attributes'],
      messageAttributes: {},
      md5OfBody: message.MD5OfBody ?? '',
      eventSource: 'aws:sqs',
      eventSourceARN: queueArn,
      awsRegion: cloud.region,
    };
  };

  beforeAll(async () => {
    cloud = await startLocalCloud({ port: 0 });
    Object.assign(process.env, cloud.env);
    resetAwsClients();
    client = new SQSClient({ endpoint: cloud.endpoint, region: cloud.region });
    queueUrl = (
      await client.send(new CreateQueueCommand({ QueueName: 'retry-me', Attributes: { VisibilityTimeout: '60' } }))
    ).QueueUrl as string;
    const { Attributes } = await client.send(
      new GetQueueAttributesCommand({ QueueUrl: queueUrl, AttributeNames: ['QueueArn'] }),
    );
    queueArn = Attributes?.QueueArn as string;
  });
  afterAll(async () => {
    client.destroy();
    resetAwsClients();
    await cloud.stop();
  });

  it('brings a failed message back after the delay instead of the 60 s visibility timeout', async () => {
    await client.send(new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: '{"n":1}' }));
    const record = await receiveRecord();
    const handler = sqs(
      {
        settings: fixedSettings({}),
        logger: capturingLogger().logger,
        message: z.object({ n: z.number() }),
        retryDelay: () => 1,
      },
      async () => {
        throw new Error('downstream down');
      },
    );

    const result = await handler({ Records: [record as SQSRecord] }, lambdaContext());

    expect(result.batchItemFailures).toEqual([{ itemIdentifier: record?.messageId }]);
    expect(await receiveRecord()).toBeUndefined();
    await new Promise((resolve) => setTimeout(resolve, 1_300));
    const again = await receiveRecord();
    expect(again?.messageId).toBe(record?.messageId);
    expect(again?.attributes.ApproximateReceiveCount).toBe('2');
  });
});

describe('exponentialRetryDelay', () => {
  it('doubles from the base up to the cap', () => {
    const delay = exponentialRetryDelay(2, 30);
    expect([1, 2, 3, 4, 5, 6].map(delay)).toEqual([2, 4, 8, 16, 30, 30]);
  });
});
