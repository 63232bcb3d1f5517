import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from '@jest/globals';
import {
  AddPermissionCommand,
  ChangeMessageVisibilityCommand,
  CreateQueueCommand,
  DeleteMessageCommand,
  GetQueueAttributesCommand,
  ListQueueTagsCommand,
  ReceiveMessageCommand,
  RemovePermissionCommand,
  SendMessageCommand,
  SetQueueAttributesCommand,
  TagQueueCommand,
  UntagQueueCommand,
} from '@aws-sdk/client-sqs';
import { sqsError } from '../helpers/aws-errors.js';
import { useTestCloud } from '../helpers/clients.js';

/** Fidelity of the local SQS to AWS's API reference, through the real SDK v3 client. */
describe('SQS fidelity', () => {
  const t = useTestCloud({ postgres: false });
  let count = 0;

  const createQueue = async (Attributes?: Record<string, string>, tags?: Record<string, string>): Promise<string> => {
    count += 1;
    const { QueueUrl } = await t.sqs.send(new CreateQueueCommand({ QueueName: `fidelity-${count}`, Attributes, tags }));
    if (!QueueUrl) throw new Error('CreateQueue returned no QueueUrl');
    return QueueUrl;
  };

  const attribute = async (
    QueueUrl: string,
    name: 'Policy' | 'RedrivePolicy' | 'QueueArn',
  ): Promise<string | undefined> => {
    const { Attributes } = await t.sqs.send(new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ['All'] }));
    return Attributes?.[name];
  };

  describe('MessageAttributeNames', () => {
    it('a prefix wildcard returns every attribute whose name starts with what comes before .*', async () => {
      const QueueUrl = await createQueue();
      await t.sqs.send(
        new SendMessageCommand({
          QueueUrl,
          MessageBody: 'm',
          MessageAttributes: {
            'Custom.a': { DataType: 'String', StringValue: '1' },
            CustomB: { DataType: 'String', StringValue: '2' },
            Other: { DataType: 'String', StringValue: '3' },
          },
        }),
      );
      const receive = async (names: string[]): Promise<string[]> => {
        const { Messages = [] } = await t.sqs.send(
          new ReceiveMessageCommand({ QueueUrl, MessageAttributeNames: names, VisibilityTimeout: 0 }),
        );
        return Object.keys(Messages[0]?.MessageAttributes ?? {}).sort();
      };
      expect(await receive(['Custom.*'])).toEqual(['Custom.a', 'CustomB']);
      expect(await receive(['Custom..*'])).toEqual(['Custom.a']);
      expect(await receive(['Cust.*'])).toEqual(['Custom.a', 'CustomB']);
      expect(await receive(['.*'])).toEqual(['Custom.a', 'CustomB', 'Other']);
      expect(await receive(['Nothing.*'])).toEqual([]);
    });
  });

  describe('policies', () => {
    it('an empty Policy or RedrivePolicy removes it', async () => {
      const dlq = await createQueue();
      const deadLetterTargetArn = await attribute(dlq, 'QueueArn');
      const policy = JSON.stringify({ Version: '2012-10-17', Statement: [] });
      const QueueUrl = await createQueue({
        Policy: policy,
        RedrivePolicy: JSON.stringify({ deadLetterTargetArn, maxReceiveCount: 3 }),
      });
      expect(await attribute(QueueUrl, 'Policy')).toBe(policy);
      expect(await attribute(QueueUrl, 'RedrivePolicy')).toBeDefined();

      await t.sqs.send(new SetQueueAttributesCommand({ QueueUrl, Attributes: { Policy: '', RedrivePolicy: '' } }));
      expect(await attribute(QueueUrl, 'Policy')).toBeUndefined();
      expect(await attribute(QueueUrl, 'RedrivePolicy')).toBeUndefined();
    });

    it('AddPermission writes a statement per label and RemovePermission takes it out', async () => {
      const QueueUrl = await createQueue();
      const arn = await attribute(QueueUrl, 'QueueArn');
      await t.sqs.send(
        new AddPermissionCommand({
          QueueUrl,
          Label: 'send-from-partner',
          AWSAccountIds: ['111122223333'],
          Actions: ['SendMessage', 'GetQueueUrl'],
        }),
      );
      await t.sqs.send(
        new AddPermissionCommand({ QueueUrl, Label: 'read', AWSAccountIds: ['444455556666'], Actions: ['*'] }),
      );
      const policy = JSON.parse((await attribute(QueueUrl, 'Policy')) ?? '{}') as {
        Statement: { Sid: string; Effect: string; Principal: { AWS: string[] }; Action: string[]; Resource: string }[];
      };
      expect(policy.Statement).toEqual([
        {
          Sid: 'send-from-partner',
          Effect: 'Allow',
          Principal: { AWS: ['arn:aws:iam::111122223333:root'] },
          Action: ['SQS:SendMessage', 'SQS:GetQueueUrl'],
          Resource: arn,
        },
        {
          Sid: 'read',
          Effect: 'Allow',
          Principal: { AWS: ['arn:aws:iam::444455556666:root'] },
          Action: ['SQS:*'],
          Resource: arn,
        },
      ]);

      await t.sqs.send(new RemovePermissionCommand({ QueueUrl, Label: 'send-from-partner' }));
      const after = JSON.parse((await attribute(QueueUrl, 'Policy')) ?? '{}') as { Statement: { Sid: string }[] };
      expect(after.Statement.map((statement) => statement.Sid)).toEqual(['read']);
      await t.sqs.send(new RemovePermissionCommand({ QueueUrl, Label: 'read' }));
      expect(await attribute(QueueUrl, 'Policy')).toBeUndefined();
    });

    it('refuses a duplicate label, an unknown label, a bad account, an unknown action and more than 7 actions', async () => {
      const QueueUrl = await createQueue();
      const add = (Label: string, AWSAccountIds: string[], Actions: string[]): Promise<unknown> =>
        t.sqs.send(new AddPermissionCommand({ QueueUrl, Label, AWSAccountIds, Actions }));
      await add('one', ['111122223333'], ['SendMessage']);

      const duplicate = await sqsError(add('one', ['111122223333'], ['ReceiveMessage']));
      expect(duplicate).toMatchObject({ name: 'InvalidParameterValue', $metadata: { httpStatusCode: 400 } });
      expect(duplicate.message).toMatch(/Already exists/);
      const unknown = await sqsError(t.sqs.send(new RemovePermissionCommand({ QueueUrl, Label: 'nope' })));
      expect(unknown.name).toBe('InvalidParameterValue');
      expect((await sqsError(add('two', ['12345'], ['SendMessage']))).name).toBe('InvalidParameterValue');
      expect((await sqsError(add('three', ['111122223333'], ['CreateQueue']))).name).toBe('InvalidParameterValue');
      expect((await sqsError(add('bad label!', ['111122223333'], ['SendMessage']))).name).toBe('InvalidParameterValue');
      const eight = [
        'SendMessage',
        'ReceiveMessage',
        'DeleteMessage',
        'ChangeMessageVisibility',
        'GetQueueAttributes',
        'GetQueueUrl',
        'PurgeQueue',
        'ListQueueTags',
      ];
      const overLimit = await sqsError(add('four', ['111122223333'], eight));
      expect(overLimit).toMatchObject({ name: 'OverLimit', $metadata: { httpStatusCode: 403 } });
      // Nothing refused changed the policy.
      const policy = JSON.parse((await attribute(QueueUrl, 'Policy')) ?? '{}') as { Statement: { Sid: string }[] };
      expect(policy.Statement.map((statement) => statement.Sid)).toEqual(['one']);
    });

    it('refuses a Policy that is no policy document, and adds to a single-statement one', async () => {
      const QueueUrl = await createQueue();
      for (const Policy of ['not json', '[1]', '{"Statement":[null]}', '{"Statement":"text"}', '42']) {
        const error = await sqsError(t.sqs.send(new SetQueueAttributesCommand({ QueueUrl, Attributes: { Policy } })));
        expect(error).toMatchObject({ name: 'InvalidAttributeValue', $metadata: { httpStatusCode: 400 } });
      }
      const single = JSON.stringify({ Version: '2012-10-17', Statement: { Sid: 'given', Effect: 'Deny' } });
      await t.sqs.send(new SetQueueAttributesCommand({ QueueUrl, Attributes: { Policy: single } }));
      await t.sqs.send(
        new AddPermissionCommand({
          QueueUrl,
          Label: 'added',
          AWSAccountIds: ['111122223333'],
          Actions: ['SendMessage'],
        }),
      );
      const policy = JSON.parse((await attribute(QueueUrl, 'Policy')) ?? '{}') as { Statement: { Sid: string }[] };
      expect(policy.Statement.map((statement) => statement.Sid)).toEqual(['given', 'added']);
    });

    it('keeps every statement when 50 callers add permissions at once', async () => {
      const QueueUrl = await createQueue();
      const labels = Array.from({ length: 50 }, (_, i) => `label-${i}`);
      await Promise.all(
        labels.map((Label) =>
          t.sqs.send(new AddPermissionCommand({ QueueUrl, Label, AWSAccountIds: ['111122223333'], Actions: ['*'] })),
        ),
      );
      const policy = JSON.parse((await attribute(QueueUrl, 'Policy')) ?? '{}') as { Statement: { Sid: string }[] };
      expect(policy.Statement.map((statement) => statement.Sid).sort()).toEqual([...labels].sort());
    });
  });

  describe('tags', () => {
    it('refuses an empty Tags map, an empty key, a key past 128 characters and an empty TagKeys list', async () => {
      const QueueUrl = await createQueue();
      const empty = await sqsError(t.sqs.send(new TagQueueCommand({ QueueUrl, Tags: {} })));
      expect(empty).toMatchObject({ name: 'MissingParameter', $metadata: { httpStatusCode: 400 } });
      expect((await sqsError(t.sqs.send(new TagQueueCommand({ QueueUrl, Tags: { '': 'v' } })))).name).toBe(
        'InvalidParameterValue',
      );
      const longKey = { ['k'.repeat(129)]: 'v' };
      expect((await sqsError(t.sqs.send(new TagQueueCommand({ QueueUrl, Tags: longKey })))).name).toBe(
        'InvalidParameterValue',
      );
      expect((await sqsError(t.sqs.send(new TagQueueCommand({ QueueUrl, Tags: { k: 'v'.repeat(257) } })))).name).toBe(
        'InvalidParameterValue',
      );
      expect((await sqsError(t.sqs.send(new UntagQueueCommand({ QueueUrl, TagKeys: [] })))).name).toBe(
        'MissingParameter',
      );
      expect((await t.sqs.send(new ListQueueTagsCommand({ QueueUrl }))).Tags).toBeUndefined();
    });

    it('counts tag lengths in characters, not UTF-16 units', async () => {
      const QueueUrl = await createQueue();
      await t.sqs.send(new TagQueueCommand({ QueueUrl, Tags: { ['🙂'.repeat(128)]: '🙂'.repeat(256) } }));
      const tooLong = await sqsError(t.sqs.send(new TagQueueCommand({ QueueUrl, Tags: { ['🙂'.repeat(129)]: 'v' } })));
      expect(tooLong.name).toBe('InvalidParameterValue');
    });

    it('allows 50 tags and refuses the 51st, counting overwrites once', async () => {
      const tags = Object.fromEntries(Array.from({ length: 50 }, (_, i) => [`key${i}`, `v${i}`]));
      const QueueUrl = await createQueue(undefined, tags);
      await t.sqs.send(new TagQueueCommand({ QueueUrl, Tags: { key0: 'overwritten' } }));
      const tooMany = await sqsError(t.sqs.send(new TagQueueCommand({ QueueUrl, Tags: { key50: 'x' } })));
      expect(tooMany.name).toBe('InvalidParameterValue');
      const { Tags = {} } = await t.sqs.send(new ListQueueTagsCommand({ QueueUrl }));
      expect(Object.keys(Tags)).toHaveLength(50);
      expect(Tags['key0']).toBe('overwritten');
      // CreateQueue with 51 tags creates no queue.
      const fiftyOne = { ...tags, key50: 'x' };
      const refused = await sqsError(
        t.sqs.send(new CreateQueueCommand({ QueueName: 'fidelity-too-many-tags', tags: fiftyOne })),
      );
      expect(refused.name).toBe('InvalidParameterValue');
      const missing = await sqsError(
        t.sqs.send(
          new GetQueueAttributesCommand({ QueueUrl: QueueUrl.replace(/fidelity-\d+$/, 'fidelity-too-many-tags') }),
        ),
      );
      expect(missing.name).toBe('QueueDoesNotExist');
    });
  });

  describe('errors on the wire', () => {
    it('sends the query error code with its fault and the namespaced error type, as AWS documents', async () => {
      const response = await fetch(t.cloud.endpoint, {
        method: 'POST',
        headers: { 'content-type': 'application/x-amz-json-1.0', 'x-amz-target': 'AmazonSQS.GetQueueUrl' },
        body: JSON.stringify({ QueueName: 'no-such-queue' }),
      });
      expect(response.status).toBe(400);
      expect(response.headers.get('x-amzn-query-error')).toBe('AWS.SimpleQueueService.NonExistentQueue;Sender');
      expect(response.headers.get('x-amzn-errortype')).toBe('com.amazonaws.sqs#QueueDoesNotExist');
      expect(response.headers.get('x-amzn-requestid')).toMatch(/^[0-9a-f-]{36}$/);
      expect(await response.json()).toEqual({
        __type: 'com.amazonaws.sqs#QueueDoesNotExist',
        message: 'The specified queue does not exist.',
      });
    });
  });

  describe('receipt handles', () => {
    it('a superseded receipt handle still changes the visibility of the in-flight message', async () => {
      const QueueUrl = await createQueue();
      await t.sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: 'twice' }));
      const { Messages: [first] = [] } = await t.sqs.send(
        new ReceiveMessageCommand({ QueueUrl, VisibilityTimeout: 0 }),
      );
      const { Messages: [second] = [] } = await t.sqs.send(
        new ReceiveMessageCommand({ QueueUrl, VisibilityTimeout: 600 }),
      );
      expect(second?.ReceiptHandle).not.toBe(first?.ReceiptHandle);

      await t.sqs.send(
        new ChangeMessageVisibilityCommand({ QueueUrl, ReceiptHandle: first?.ReceiptHandle, VisibilityTimeout: 0 }),
      );
      const { Messages: [third] = [] } = await t.sqs.send(new ReceiveMessageCommand({ QueueUrl }));
      expect(third?.MessageId).toBe(first?.MessageId);
    });

    it('a handle whose visibility ran out is answered OK and changes nothing', async () => {
      const QueueUrl = await createQueue();
      await t.sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: 'expired' }));
      const { Messages: [message] = [] } = await t.sqs.send(
        new ReceiveMessageCommand({ QueueUrl, VisibilityTimeout: 1 }),
      );
      await sleep(1100);
      await t.sqs.send(
        new ChangeMessageVisibilityCommand({ QueueUrl, ReceiptHandle: message?.ReceiptHandle, VisibilityTimeout: 600 }),
      );
      const { Messages: [again] = [] } = await t.sqs.send(new ReceiveMessageCommand({ QueueUrl }));
      expect(again?.MessageId).toBe(message?.MessageId);
    });

    it('the handle of a deleted message is InvalidParameterValue', async () => {
      const QueueUrl = await createQueue();
      await t.sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: 'gone' }));
      const { Messages: [message] = [] } = await t.sqs.send(new ReceiveMessageCommand({ QueueUrl }));
      await t.sqs.send(new DeleteMessageCommand({ QueueUrl, ReceiptHandle: message?.ReceiptHandle }));
      const error = await sqsError(
        t.sqs.send(
          new ChangeMessageVisibilityCommand({ QueueUrl, ReceiptHandle: message?.ReceiptHandle, VisibilityTimeout: 5 }),
        ),
      );
      expect(error).toMatchObject({ name: 'InvalidParameterValue', $metadata: { httpStatusCode: 400 } });
      expect(error.message).toMatch(/not available for visibility timeout change/);
    });
  });
});
