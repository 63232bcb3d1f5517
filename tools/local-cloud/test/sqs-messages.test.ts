import { createHash } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  ChangeMessageVisibilityCommand,
  CreateQueueCommand,
  DeleteMessageCommand,
  GetQueueAttributesCommand,
  InvalidMessageContents,
  ReceiptHandleIsInvalid,
  ReceiveMessageCommand,
  SendMessageCommand,
  SQSServiceException,
  type Message,
  type MessageAttributeValue,
  type ReceiveMessageCommandInput,
} from '@aws-sdk/client-sqs';
import { startTestCloud, type TestCloud } from './helpers/clients.js';

describe('SQS messages', () => {
  let t: TestCloud;
  let queueCount = 0;
  const createQueue = async (Attributes?: Record<string, string>): Promise<string> => {
    queueCount += 1;
    const { QueueUrl } = await t.sqs.send(new CreateQueueCommand({ QueueName: `messages-${queueCount}`, Attributes }));
    if (!QueueUrl) throw new Error('CreateQueue returned no QueueUrl');
    return QueueUrl;
  };
  const receive = async (input: ReceiveMessageCommandInput): Promise<Message[]> =>
    (await t.sqs.send(new ReceiveMessageCommand(input))).Messages ?? [];
  const counts = async (QueueUrl: string): Promise<Record<string, string>> =>
    (
      await t.sqs.send(
        new GetQueueAttributesCommand({
          QueueUrl,
          AttributeNames: [
            'ApproximateNumberOfMessages',
            'ApproximateNumberOfMessagesNotVisible',
            'ApproximateNumberOfMessagesDelayed',
          ],
        }),
      )
    ).Attributes ?? {};

  beforeAll(async () => {
    t = await startTestCloud();
  });
  afterAll(async () => {
    await t.stop();
  });

  describe('SendMessage and ReceiveMessage', () => {
    it('round-trips a body with the MD5 the SDK checks', async () => {
      // Prepare
      const QueueUrl = await createQueue();
      const body = 'Héllo 😀 <&> \t\n';

      // Act
      const sent = await t.sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: body }));
      const [message] = await receive({ QueueUrl });

      // Assess
      const md5 = createHash('md5').update(body, 'utf8').digest('hex');
      expect(sent.MD5OfMessageBody).toBe(md5);
      expect(sent.MD5OfMessageAttributes).toBeUndefined();
      expect(message).toMatchObject({ MessageId: sent.MessageId, Body: body, MD5OfBody: md5 });
      expect(message?.ReceiptHandle).toEqual(expect.any(String));
    });

    it('computes MD5OfMessageAttributes as AWS does', async () => {
      // Prepare: digests recorded from AWS, as pinned by moto's SQS test suite
      const QueueUrl = await createQueue();
      const vectors: Array<[Record<string, MessageAttributeValue>, string]> = [
        [{ timestamp: { DataType: 'Number', StringValue: '1493147359900' } }, '235c5c510d26fb653d073faed50ae77c'],
        [
          { 'SOME_Valid.attribute-Name': { DataType: 'Number', StringValue: '1493147359900' } },
          '36655e7e9d7c0e8479fa3f3f42247ae7',
        ],
        [
          {
            id: { DataType: 'String', StringValue: '2018fc74-4f77-1a5a-1be0-c2d037d5052b' },
            contentType: { DataType: 'String', StringValue: 'application/json' },
            timestamp: { DataType: 'Number.java.lang.Long', StringValue: '1602845432024' },
          },
          'b12289320bb6e494b18b645ef562b4a9',
        ],
        [
          {
            id: { DataType: 'String', StringValue: '453ae55e-f03b-21a6-a4b1-70c2e2e8fe71' },
            mybin: { DataType: 'Binary', BinaryValue: new TextEncoder().encode('kekchebukek') },
            timestamp: { DataType: 'Number.java.lang.Long', StringValue: '1603134247654' },
            contentType: { DataType: 'String', StringValue: 'application/json' },
          },
          '049075255ebc53fb95f7f9f3cedf3c50',
        ],
      ];

      // Act
      const sent = [];
      for (const [MessageAttributes] of vectors) {
        sent.push(await t.sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: 'derp', MessageAttributes })));
      }
      const received = await receive({ QueueUrl, MaxNumberOfMessages: 10, MessageAttributeNames: ['All'] });

      // Assess
      const expected = vectors.map(([, md5]) => md5);
      expect(sent.map((result) => result.MD5OfMessageAttributes)).toEqual(expected);
      expect(received.map((message) => message.MD5OfMessageAttributes)).toEqual(expected);
      expect(received[3]?.MessageAttributes?.mybin?.BinaryValue).toEqual(new TextEncoder().encode('kekchebukek'));
    });

    it('returns the message attributes asked for, by name, prefix or All', async () => {
      // Prepare
      const QueueUrl = await createQueue();
      await t.sqs.send(
        new SendMessageCommand({
          QueueUrl,
          MessageBody: 'with attributes',
          MessageAttributes: {
            'trace.id': { DataType: 'String', StringValue: 'abc' },
            'trace.parent': { DataType: 'String', StringValue: 'def' },
            payload: { DataType: 'String.json', StringValue: '{"a":1}' },
          },
        }),
      );

      // Act
      const [byPrefix] = await receive({ QueueUrl, MessageAttributeNames: ['trace.*'], VisibilityTimeout: 0 });
      const [byName] = await receive({ QueueUrl, MessageAttributeNames: ['payload'], VisibilityTimeout: 0 });
      const [none] = await receive({ QueueUrl, VisibilityTimeout: 0 });

      // Assess
      expect(Object.keys(byPrefix?.MessageAttributes ?? {}).sort()).toEqual(['trace.id', 'trace.parent']);
      expect(byName?.MessageAttributes).toEqual({ payload: { DataType: 'String.json', StringValue: '{"a":1}' } });
      expect(byName?.MD5OfMessageAttributes).not.toBe(byPrefix?.MD5OfMessageAttributes);
      expect(none?.MessageAttributes).toBeUndefined();
    });

    it('returns system attributes with epoch-millisecond timestamps', async () => {
      // Prepare
      const QueueUrl = await createQueue();
      const before = Date.now();
      await t.sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: 'stamped' }));

      // Act
      const [all] = await receive({ QueueUrl, MessageSystemAttributeNames: ['All'], VisibilityTimeout: 0 });
      const [named] = await receive({ QueueUrl, MessageSystemAttributeNames: ['ApproximateReceiveCount'] });

      // Assess
      expect(all?.Attributes).toMatchObject({ ApproximateReceiveCount: '1', SenderId: expect.any(String) });
      expect(Number(all?.Attributes?.SentTimestamp)).toBeGreaterThanOrEqual(before);
      expect(Number(all?.Attributes?.ApproximateFirstReceiveTimestamp)).toBeGreaterThanOrEqual(
        Number(all?.Attributes?.SentTimestamp),
      );
      expect(named?.Attributes).toEqual({ ApproximateReceiveCount: '2' });
    });

    it('rejects a body larger than MaximumMessageSize', async () => {
      // Prepare
      const QueueUrl = await createQueue();
      const small = await createQueue({ MaximumMessageSize: '1024' });

      // Act
      const tooLong = await t.sqs
        .send(new SendMessageCommand({ QueueUrl, MessageBody: 'x'.repeat(1_048_577) }))
        .catch((error: unknown) => error);
      const withAttributes = await t.sqs
        .send(
          new SendMessageCommand({
            QueueUrl: small,
            MessageBody: 'x'.repeat(1000),
            MessageAttributes: { padding: { DataType: 'String', StringValue: 'y'.repeat(100) } },
          }),
        )
        .catch((error: unknown) => error);

      // Assess
      expect(tooLong).toBeInstanceOf(SQSServiceException);
      expect(tooLong).toMatchObject({
        name: 'InvalidParameterValue',
        message: 'One or more parameters are invalid. Reason: Message must be shorter than 1048576 bytes.',
      });
      expect(withAttributes).toMatchObject({ name: 'InvalidParameterValue' });
      // 1 MiB exactly: the default and the most AWS takes since 2025 (256 KiB before).
      expect(await t.sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: 'x'.repeat(1_048_576) }))).toHaveProperty(
        'MessageId',
      );
    });

    it('rejects characters outside the XML character set and empty bodies', async () => {
      const QueueUrl = await createQueue();
      await expect(t.sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: 'bell \u0007' }))).rejects.toBeInstanceOf(
        InvalidMessageContents,
      );
      await expect(t.sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: 'lone \ud800' }))).rejects.toBeInstanceOf(
        InvalidMessageContents,
      );
      await expect(t.sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: '' }))).rejects.toMatchObject({
        name: 'MissingParameter',
      });
    });

    it('rejects invalid message attributes and parameters with InvalidParameterValue', async () => {
      const QueueUrl = await createQueue();
      const invalid: Array<() => Promise<unknown>> = [
        () =>
          t.sqs.send(
            new SendMessageCommand({
              QueueUrl,
              MessageBody: 'x',
              MessageAttributes: { n: { DataType: 'Number', StringValue: 'ten' } },
            }),
          ),
        () =>
          t.sqs.send(
            new SendMessageCommand({
              QueueUrl,
              MessageBody: 'x',
              MessageAttributes: { 'AWS.x': { DataType: 'String', StringValue: 'v' } },
            }),
          ),
        () =>
          t.sqs.send(
            new SendMessageCommand({
              QueueUrl,
              MessageBody: 'x',
              MessageAttributes: { s: { DataType: 'Text', StringValue: 'v' } },
            }),
          ),
        () => t.sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: 'x', DelaySeconds: 901 })),
        () => receive({ QueueUrl, MaxNumberOfMessages: 11 }),
        () => receive({ QueueUrl, WaitTimeSeconds: 21 }),
        () => receive({ QueueUrl, VisibilityTimeout: 43_201 }),
      ];
      for (const call of invalid) await expect(call()).rejects.toMatchObject({ name: 'InvalidParameterValue' });
    });

    it('holds a delayed message back until its delay ends', async () => {
      // Prepare
      const QueueUrl = await createQueue();

      // Act
      await t.sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: 'later', DelaySeconds: 1 }));
      const early = await receive({ QueueUrl });
      const delayed = await counts(QueueUrl);
      await sleep(1_100);

      // Assess
      expect(early).toEqual([]);
      expect(delayed).toMatchObject({ ApproximateNumberOfMessagesDelayed: '1', ApproximateNumberOfMessages: '0' });
      expect((await receive({ QueueUrl })).map((message) => message.Body)).toEqual(['later']);
    });
  });

  describe('visibility and deletion', () => {
    it('redelivers a message after its visibility timeout with a higher count and a new receipt handle', async () => {
      // Prepare
      const QueueUrl = await createQueue({ VisibilityTimeout: '1' });
      await t.sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: 'again' }));
      const [first] = await receive({ QueueUrl, MessageSystemAttributeNames: ['ApproximateReceiveCount'] });
      const hidden = await receive({ QueueUrl });
      const inFlight = await counts(QueueUrl);

      // Act
      await sleep(1_100);
      const [second] = await receive({ QueueUrl, MessageSystemAttributeNames: ['ApproximateReceiveCount'] });

      // Assess
      expect(hidden).toEqual([]);
      expect(inFlight).toMatchObject({ ApproximateNumberOfMessages: '0', ApproximateNumberOfMessagesNotVisible: '1' });
      expect(second?.MessageId).toBe(first?.MessageId);
      expect(first?.Attributes?.ApproximateReceiveCount).toBe('1');
      expect(second?.Attributes?.ApproximateReceiveCount).toBe('2');
      expect(second?.ReceiptHandle).not.toBe(first?.ReceiptHandle);
    });

    it('deletes with the latest receipt handle and ignores a stale one', async () => {
      // Prepare
      const QueueUrl = await createQueue();
      await t.sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: 'stale' }));
      const [first] = await receive({ QueueUrl, VisibilityTimeout: 0 });
      const [second] = await receive({ QueueUrl, VisibilityTimeout: 0 });

      // Act
      await t.sqs.send(new DeleteMessageCommand({ QueueUrl, ReceiptHandle: first?.ReceiptHandle }));
      const afterStale = await receive({
        QueueUrl,
        VisibilityTimeout: 0,
        MessageSystemAttributeNames: ['ApproximateReceiveCount'],
      });
      await t.sqs.send(new DeleteMessageCommand({ QueueUrl, ReceiptHandle: afterStale[0]?.ReceiptHandle }));

      // Assess
      expect(second?.MessageId).toBe(first?.MessageId);
      expect(afterStale[0]?.Attributes?.ApproximateReceiveCount).toBe('3');
      expect(await receive({ QueueUrl })).toEqual([]);
      expect(await counts(QueueUrl)).toMatchObject({
        ApproximateNumberOfMessages: '0',
        ApproximateNumberOfMessagesNotVisible: '0',
      });
    });

    it('answers a malformed receipt handle with ReceiptHandleIsInvalid', async () => {
      const QueueUrl = await createQueue();
      await expect(
        t.sqs.send(new DeleteMessageCommand({ QueueUrl, ReceiptHandle: 'not-a-handle' })),
      ).rejects.toBeInstanceOf(ReceiptHandleIsInvalid);
      const change = new ChangeMessageVisibilityCommand({ QueueUrl, ReceiptHandle: 'bm9wZQ==', VisibilityTimeout: 0 });
      await expect(t.sqs.send(change)).rejects.toBeInstanceOf(ReceiptHandleIsInvalid);
    });

    it('changes the visibility of an in-flight message and leaves one that is not in flight alone', async () => {
      // Prepare
      const QueueUrl = await createQueue();
      await t.sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: 'visible again' }));
      const [message] = await receive({ QueueUrl });
      const ReceiptHandle = message?.ReceiptHandle;

      // Act
      await t.sqs.send(new ChangeMessageVisibilityCommand({ QueueUrl, ReceiptHandle, VisibilityTimeout: 0 }));
      const notInFlight = new ChangeMessageVisibilityCommand({ QueueUrl, ReceiptHandle, VisibilityTimeout: 10 });

      // Assess: AWS answers OK and changes nothing (the message stays visible).
      await expect(t.sqs.send(notInFlight)).resolves.toBeDefined();
      const [again] = await receive({ QueueUrl });
      expect(again?.MessageId).toBe(message?.MessageId);
      const tooLong = new ChangeMessageVisibilityCommand({
        QueueUrl,
        ReceiptHandle: again?.ReceiptHandle,
        VisibilityTimeout: 43_201,
      });
      await expect(t.sqs.send(tooLong)).rejects.toMatchObject({ name: 'InvalidParameterValue' });
    });
  });

  describe('dead-letter queues', () => {
    it('moves a message to the dead-letter queue after maxReceiveCount receives', async () => {
      // Prepare
      const dlqUrl = await createQueue();
      const { Attributes } = await t.sqs.send(
        new GetQueueAttributesCommand({ QueueUrl: dlqUrl, AttributeNames: ['QueueArn'] }),
      );
      const RedrivePolicy = JSON.stringify({ deadLetterTargetArn: Attributes?.QueueArn, maxReceiveCount: 2 });
      const QueueUrl = await createQueue({ RedrivePolicy });
      const sent = await t.sqs.send(
        new SendMessageCommand({
          QueueUrl,
          MessageBody: 'poison',
          MessageAttributes: { kind: { DataType: 'String', StringValue: 'bad' } },
        }),
      );

      // Act
      const receives = [];
      for (let i = 0; i < 3; i += 1) receives.push(await receive({ QueueUrl, VisibilityTimeout: 0 }));
      const [dead] = await receive({
        QueueUrl: dlqUrl,
        MessageAttributeNames: ['All'],
        MessageSystemAttributeNames: ['ApproximateReceiveCount', 'DeadLetterQueueSourceArn'],
      });

      // Assess
      expect(receives.map((messages) => messages.length)).toEqual([1, 1, 0]);
      expect(dead).toMatchObject({
        MessageId: sent.MessageId,
        Body: 'poison',
        MD5OfMessageAttributes: sent.MD5OfMessageAttributes,
        MessageAttributes: { kind: { DataType: 'String', StringValue: 'bad' } },
        Attributes: { ApproximateReceiveCount: '1', DeadLetterQueueSourceArn: expect.stringContaining(':messages-') },
      });
      expect(await counts(QueueUrl)).toMatchObject({
        ApproximateNumberOfMessages: '0',
        ApproximateNumberOfMessagesNotVisible: '0',
      });
    });

    it('peeks at a queue without receiving: counts, receive counts and the next receive are unchanged', async () => {
      // Prepare: a dead-lettered message (received twice at its source), a second one in flight
      const dlqUrl = await createQueue();
      const { Attributes } = await t.sqs.send(
        new GetQueueAttributesCommand({ QueueUrl: dlqUrl, AttributeNames: ['QueueArn'] }),
      );
      const RedrivePolicy = JSON.stringify({ deadLetterTargetArn: Attributes?.QueueArn, maxReceiveCount: 1 });
      const QueueUrl = await createQueue({ RedrivePolicy });
      const poison = await t.sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: 'poison' }));
      await receive({ QueueUrl, VisibilityTimeout: 0 });
      await receive({ QueueUrl, VisibilityTimeout: 0 }); // over maxReceiveCount: moved to the DLQ
      await t.sqs.send(new SendMessageCommand({ QueueUrl: dlqUrl, MessageBody: 'second' }));
      await receive({ QueueUrl: dlqUrl, VisibilityTimeout: 60 });
      const dlqName = dlqUrl.split('/').pop() as string;
      const before = await counts(dlqUrl);

      // Act
      const peeked = t.cloud.sqs.peek(dlqName, 10);
      const again = t.cloud.sqs.peek(dlqName, 1);

      // Assess
      expect(peeked).toMatchObject([
        { messageId: poison.MessageId, body: 'poison', state: 'inflight', receiveCount: 1 },
        { body: 'second', state: 'visible', receiveCount: 0 },
      ]);
      expect(peeked[0]?.deadLetterQueueSourceArn).toContain(':messages-');
      expect(again).toHaveLength(1);
      expect(await counts(dlqUrl)).toEqual(before);
      const [next] = await receive({ QueueUrl: dlqUrl, MessageSystemAttributeNames: ['ApproximateReceiveCount'] });
      expect(next).toMatchObject({ Body: 'second', Attributes: { ApproximateReceiveCount: '1' } });
      expect(() => t.cloud.sqs.peek('no-such-queue')).toThrow(expect.objectContaining({ code: 'QueueDoesNotExist' }));
    });
  });
});
