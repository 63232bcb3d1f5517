import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  CreateQueueCommand,
  DeleteQueueCommand,
  GetQueueAttributesCommand,
  GetQueueUrlCommand,
  InvalidAttributeName,
  InvalidAttributeValue,
  ListDeadLetterSourceQueuesCommand,
  ListQueuesCommand,
  ListQueueTagsCommand,
  PurgeQueueCommand,
  PurgeQueueInProgress,
  QueueDoesNotExist,
  QueueNameExists,
  ReceiveMessageCommand,
  SendMessageCommand,
  SetQueueAttributesCommand,
  SQSServiceException,
  TagQueueCommand,
  UntagQueueCommand,
  type QueueAttributeName,
} from '@aws-sdk/client-sqs';
import { startTestCloud, type TestCloud } from './helpers/clients.js';

describe('SQS queues', () => {
  let t: TestCloud;
  const createQueue = async (QueueName: string, Attributes?: Record<string, string>): Promise<string> => {
    const { QueueUrl } = await t.sqs.send(new CreateQueueCommand({ QueueName, Attributes }));
    if (!QueueUrl) throw new Error('CreateQueue returned no QueueUrl');
    return QueueUrl;
  };
  const attributesOf = async (
    QueueUrl: string,
    names: QueueAttributeName[] = ['All'],
  ): Promise<Record<string, string>> =>
    (await t.sqs.send(new GetQueueAttributesCommand({ QueueUrl, AttributeNames: names }))).Attributes ?? {};

  beforeAll(async () => {
    t = await startTestCloud();
  });
  afterAll(async () => {
    await t.stop();
  });

  describe('CreateQueue', () => {
    it('creates a queue at the endpoint URL with AWS defaults', async () => {
      // Act
      const url = await createQueue('defaults');

      // Assess
      expect(url).toBe(`${t.cloud.endpoint}/000000000000/defaults`);
      const attributes = await attributesOf(url);
      expect(attributes).toMatchObject({
        QueueArn: 'arn:aws:sqs:us-east-1:000000000000:defaults',
        VisibilityTimeout: '30',
        MessageRetentionPeriod: '345600',
        DelaySeconds: '0',
        ReceiveMessageWaitTimeSeconds: '0',
        MaximumMessageSize: '1048576',
        ApproximateNumberOfMessages: '0',
        ApproximateNumberOfMessagesNotVisible: '0',
        ApproximateNumberOfMessagesDelayed: '0',
      });
      expect(Number(attributes.CreatedTimestamp)).toBeCloseTo(Date.now() / 1000, -1);
      expect(attributes.LastModifiedTimestamp).toBe(attributes.CreatedTimestamp);
    });

    it('returns the same URL when the queue exists with equal attributes', async () => {
      // Prepare
      const url = await createQueue('idempotent', { VisibilityTimeout: '60' });

      // Act
      const again = await createQueue('idempotent', { VisibilityTimeout: '060' });
      const withoutAttributes = await createQueue('idempotent');

      // Assess
      expect(again).toBe(url);
      expect(withoutAttributes).toBe(url);
    });

    it('answers QueueNameExists when the queue exists with other attributes', async () => {
      // Prepare
      await createQueue('conflict', { VisibilityTimeout: '60' });

      // Act
      const create = t.sqs.send(
        new CreateQueueCommand({ QueueName: 'conflict', Attributes: { VisibilityTimeout: '61' } }),
      );

      // Assess
      await expect(create).rejects.toBeInstanceOf(QueueNameExists);
    });

    it('rejects attribute values out of range with InvalidAttributeValue', async () => {
      const cases: Array<Record<string, string>> = [
        { VisibilityTimeout: '43201' },
        { MessageRetentionPeriod: '59' },
        { DelaySeconds: '901' },
        { ReceiveMessageWaitTimeSeconds: '21' },
        { MaximumMessageSize: '1023' },
        { MaximumMessageSize: '1048577' }, // past 1 MiB, the most since 2025
        { MaximumMessageSize: 'big' },
      ];
      for (const Attributes of cases) {
        await expect(
          t.sqs.send(new CreateQueueCommand({ QueueName: 'out-of-range', Attributes })),
        ).rejects.toBeInstanceOf(InvalidAttributeValue);
      }
    });

    it('rejects unknown attribute names with InvalidAttributeName', async () => {
      const Attributes: Record<string, string> = { Colour: 'blue' };
      const create = t.sqs.send(new CreateQueueCommand({ QueueName: 'unknown-attribute', Attributes }));
      await expect(create).rejects.toBeInstanceOf(InvalidAttributeName);
    });

    it('rejects invalid queue names with InvalidParameterValue', async () => {
      for (const QueueName of ['has space', 'x'.repeat(81), 'dot.ted']) {
        const error: unknown = await t.sqs.send(new CreateQueueCommand({ QueueName })).catch((e: unknown) => e);
        expect(error).toBeInstanceOf(SQSServiceException);
        expect(error).toMatchObject({ name: 'InvalidParameterValue' });
      }
    });

    it('needs FifoQueue and a .fifo name together', async () => {
      // A .fifo name without FifoQueue asks for a standard queue, whose name cannot have a dot.
      await expect(t.sqs.send(new CreateQueueCommand({ QueueName: 'orders.fifo' }))).rejects.toMatchObject({
        name: 'InvalidParameterValue',
      });
      const byAttribute = new CreateQueueCommand({ QueueName: 'orders', Attributes: { FifoQueue: 'true' } });
      await expect(t.sqs.send(byAttribute)).rejects.toMatchObject({
        name: 'InvalidParameterValue',
        message: expect.stringMatching(/must end with \.fifo suffix/),
      });
    });
  });

  describe('GetQueueUrl and ListQueues', () => {
    it('finds a queue URL by name', async () => {
      // Prepare
      const url = await createQueue('findable');

      // Act
      const found = await t.sqs.send(new GetQueueUrlCommand({ QueueName: 'findable' }));

      // Assess
      expect(found.QueueUrl).toBe(url);
    });

    it('answers QueueDoesNotExist for an unknown name or URL', async () => {
      await expect(t.sqs.send(new GetQueueUrlCommand({ QueueName: 'missing' }))).rejects.toBeInstanceOf(
        QueueDoesNotExist,
      );
      const url = `${t.cloud.endpoint}/000000000000/missing`;
      await expect(t.sqs.send(new SendMessageCommand({ QueueUrl: url, MessageBody: 'x' }))).rejects.toBeInstanceOf(
        QueueDoesNotExist,
      );
    });

    it('accepts a QueueUrl of any host, by the name in its last path segment', async () => {
      // Prepare
      await createQueue('any-host');

      // Act
      const attributes = await attributesOf('https://sqs.us-east-1.amazonaws.com/000000000000/any-host', ['QueueArn']);

      // Assess
      expect(attributes).toEqual({ QueueArn: 'arn:aws:sqs:us-east-1:000000000000:any-host' });
    });

    it('lists queues by prefix, a page at a time', async () => {
      // Prepare
      for (const name of ['list-c', 'list-a', 'list-b']) await createQueue(name);

      // Act
      const all = await t.sqs.send(new ListQueuesCommand({ QueueNamePrefix: 'list-' }));
      const first = await t.sqs.send(new ListQueuesCommand({ QueueNamePrefix: 'list-', MaxResults: 2 }));
      const second = await t.sqs.send(
        new ListQueuesCommand({ QueueNamePrefix: 'list-', MaxResults: 2, NextToken: first.NextToken }),
      );
      const none = await t.sqs.send(new ListQueuesCommand({ QueueNamePrefix: 'nothing-' }));

      // Assess
      expect(all.QueueUrls?.map((url) => url.split('/').at(-1))).toEqual(['list-a', 'list-b', 'list-c']);
      expect(all.NextToken).toBeUndefined();
      expect(first.QueueUrls?.map((url) => url.split('/').at(-1))).toEqual(['list-a', 'list-b']);
      expect(second.QueueUrls?.map((url) => url.split('/').at(-1))).toEqual(['list-c']);
      expect(second.NextToken).toBeUndefined();
      expect(none.QueueUrls).toBeUndefined();
    });
  });

  describe('GetQueueAttributes and SetQueueAttributes', () => {
    it('returns only the attributes asked for', async () => {
      // Prepare
      const url = await createQueue('named-attributes');

      // Act
      const attributes = await attributesOf(url, ['VisibilityTimeout', 'ApproximateNumberOfMessages']);

      // Assess
      expect(attributes).toEqual({ VisibilityTimeout: '30', ApproximateNumberOfMessages: '0' });
    });

    it('answers InvalidAttributeName for an unknown attribute', async () => {
      const url = await createQueue('bad-attribute-name');
      const get = t.sqs.send(
        new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ['Colour' as QueueAttributeName] }),
      );
      await expect(get).rejects.toBeInstanceOf(InvalidAttributeName);
    });

    it('changes attributes and the last-modified time', async () => {
      // Prepare
      const url = await createQueue('settable');

      // Act
      await t.sqs.send(
        new SetQueueAttributesCommand({
          QueueUrl: url,
          Attributes: {
            VisibilityTimeout: '45',
            DelaySeconds: '5',
            MaximumMessageSize: '2048',
            ReceiveMessageWaitTimeSeconds: '2',
          },
        }),
      );

      // Assess
      expect(await attributesOf(url)).toMatchObject({
        VisibilityTimeout: '45',
        DelaySeconds: '5',
        MaximumMessageSize: '2048',
        ReceiveMessageWaitTimeSeconds: '2',
      });
    });

    it('rejects read-only attributes and out-of-range values', async () => {
      const url = await createQueue('read-only');
      const setArn = new SetQueueAttributesCommand({ QueueUrl: url, Attributes: { QueueArn: 'arn:x' } });
      const setTimeout = new SetQueueAttributesCommand({ QueueUrl: url, Attributes: { VisibilityTimeout: '-1' } });
      await expect(t.sqs.send(setArn)).rejects.toBeInstanceOf(InvalidAttributeName);
      await expect(t.sqs.send(setTimeout)).rejects.toBeInstanceOf(InvalidAttributeValue);
    });

    it('stores a redrive policy and lists the dead-letter source queues', async () => {
      // Prepare
      const dlqUrl = await createQueue('policy-dlq');
      const { QueueArn } = await attributesOf(dlqUrl, ['QueueArn']);
      const policy = JSON.stringify({ maxReceiveCount: '3', deadLetterTargetArn: QueueArn });

      // Act
      const sourceUrl = await createQueue('policy-source', { RedrivePolicy: policy });
      const sources = await t.sqs.send(new ListDeadLetterSourceQueuesCommand({ QueueUrl: dlqUrl }));

      // Assess
      expect(JSON.parse((await attributesOf(sourceUrl, ['RedrivePolicy'])).RedrivePolicy ?? '{}')).toEqual({
        deadLetterTargetArn: QueueArn,
        maxReceiveCount: 3,
      });
      expect(sources.queueUrls).toEqual([sourceUrl]);
    });

    it('rejects a redrive policy whose dead-letter queue does not exist', async () => {
      const policy = JSON.stringify({
        maxReceiveCount: 3,
        deadLetterTargetArn: 'arn:aws:sqs:us-east-1:000000000000:nope',
      });
      const error: unknown = await createQueue('orphan', { RedrivePolicy: policy }).catch((e: unknown) => e);
      expect(error).toMatchObject({ name: 'InvalidParameterValue' });
    });
  });

  describe('PurgeQueue, DeleteQueue and tags', () => {
    it('purges every message, once a minute', async () => {
      // Prepare
      const url = await createQueue('purgeable');
      await t.sqs.send(new SendMessageCommand({ QueueUrl: url, MessageBody: 'visible' }));
      await t.sqs.send(new SendMessageCommand({ QueueUrl: url, MessageBody: 'delayed', DelaySeconds: 60 }));
      await t.sqs.send(new SendMessageCommand({ QueueUrl: url, MessageBody: 'in flight' }));
      await t.sqs.send(new ReceiveMessageCommand({ QueueUrl: url }));

      // Act
      await t.sqs.send(new PurgeQueueCommand({ QueueUrl: url }));

      // Assess
      expect(await attributesOf(url)).toMatchObject({
        ApproximateNumberOfMessages: '0',
        ApproximateNumberOfMessagesNotVisible: '0',
        ApproximateNumberOfMessagesDelayed: '0',
      });
      await expect(t.sqs.send(new PurgeQueueCommand({ QueueUrl: url }))).rejects.toBeInstanceOf(PurgeQueueInProgress);
    });

    it('deletes a queue', async () => {
      // Prepare
      const url = await createQueue('deletable');

      // Act
      await t.sqs.send(new DeleteQueueCommand({ QueueUrl: url }));

      // Assess
      await expect(t.sqs.send(new GetQueueUrlCommand({ QueueName: 'deletable' }))).rejects.toBeInstanceOf(
        QueueDoesNotExist,
      );
      await expect(t.sqs.send(new DeleteQueueCommand({ QueueUrl: url }))).rejects.toBeInstanceOf(QueueDoesNotExist);
    });

    it('tags and untags a queue', async () => {
      // Prepare
      const url = (await t.sqs.send(new CreateQueueCommand({ QueueName: 'tagged', tags: { team: 'risk' } }))).QueueUrl;

      // Act
      await t.sqs.send(new TagQueueCommand({ QueueUrl: url, Tags: { env: 'local' } }));
      await t.sqs.send(new UntagQueueCommand({ QueueUrl: url, TagKeys: ['team'] }));

      // Assess
      expect((await t.sqs.send(new ListQueueTagsCommand({ QueueUrl: url }))).Tags).toEqual({ env: 'local' });
    });
  });

  describe('malformed requests', () => {
    it('answers malformed JSON with an AWS error and keeps serving', async () => {
      // Prepare
      const url = await createQueue('after-garbage');
      const post = (body: string): Promise<Response> =>
        fetch(t.cloud.endpoint, {
          method: 'POST',
          headers: { 'content-type': 'application/x-amz-json-1.0', 'x-amz-target': 'AmazonSQS.SendMessage' },
          body,
        });

      // Act
      const garbage = await post('{"QueueUrl": ');
      const notAnObject = await post('[1, 2]');
      const wrongTypes = await post(JSON.stringify({ QueueUrl: url, MessageBody: 42 }));

      // Assess
      expect(garbage.status).toBe(400);
      expect(garbage.headers.get('x-amzn-query-error')).toBe('SerializationException;Sender');
      expect(await garbage.json()).toMatchObject({ __type: 'com.amazonaws.sqs#SerializationException' });
      expect(notAnObject.status).toBe(400);
      expect(wrongTypes.status).toBe(400);
      expect(await wrongTypes.json()).toMatchObject({ __type: 'com.amazonaws.sqs#InvalidParameterValue' });
      const sent = await t.sqs.send(new SendMessageCommand({ QueueUrl: url, MessageBody: 'still here' }));
      expect(sent.MessageId).toBeDefined();
    });
  });
});
