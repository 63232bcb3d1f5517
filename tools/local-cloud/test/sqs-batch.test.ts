import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  BatchEntryIdsNotDistinct,
  BatchRequestTooLong,
  ChangeMessageVisibilityBatchCommand,
  CreateQueueCommand,
  DeleteMessageBatchCommand,
  EmptyBatchRequest,
  GetQueueAttributesCommand,
  InvalidBatchEntryId,
  ReceiveMessageCommand,
  SendMessageBatchCommand,
  TooManyEntriesInBatchRequest,
  type Message,
  type SendMessageBatchRequestEntry,
} from '@aws-sdk/client-sqs';
import { startTestCloud, type TestCloud } from './helpers/clients.js';

describe('SQS batch operations', () => {
  let t: TestCloud;
  let queueCount = 0;
  const createQueue = async (Attributes?: Record<string, string>): Promise<string> => {
    queueCount += 1;
    const { QueueUrl } = await t.sqs.send(new CreateQueueCommand({ QueueName: `batch-${queueCount}`, Attributes }));
    if (!QueueUrl) throw new Error('CreateQueue returned no QueueUrl');
    return QueueUrl;
  };
  const entries = (count: number, body = (i: number): string => `message ${i}`): SendMessageBatchRequestEntry[] =>
    Array.from({ length: count }, (_, i) => ({ Id: `m${i}`, MessageBody: body(i) }));
  const receiveAll = async (QueueUrl: string): Promise<Message[]> =>
    (await t.sqs.send(new ReceiveMessageCommand({ QueueUrl, MaxNumberOfMessages: 10 }))).Messages ?? [];

  beforeAll(async () => {
    t = await startTestCloud();
  });
  afterAll(async () => {
    await t.stop();
  });

  describe('SendMessageBatch', () => {
    it('sends up to 10 messages with their MD5s', async () => {
      // Prepare
      const QueueUrl = await createQueue();
      const Entries = entries(10);
      Entries[0] = {
        ...Entries[0],
        Id: 'with_attributes-0',
        MessageAttributes: { kind: { DataType: 'String', StringValue: 'a' } },
      } as SendMessageBatchRequestEntry;

      // Act
      const result = await t.sqs.send(new SendMessageBatchCommand({ QueueUrl, Entries }));

      // Assess
      expect(result.Failed ?? []).toEqual([]);
      expect(result.Successful?.map((entry) => entry.Id)).toEqual(Entries.map((entry) => entry.Id));
      expect(result.Successful?.[0]?.MD5OfMessageAttributes).toEqual(expect.stringMatching(/^[0-9a-f]{32}$/));
      expect(result.Successful?.[1]?.MD5OfMessageAttributes).toBeUndefined();
      expect((await receiveAll(QueueUrl)).length).toBe(10);
    });

    it('answers EmptyBatchRequest and TooManyEntriesInBatchRequest', async () => {
      const QueueUrl = await createQueue();
      await expect(t.sqs.send(new SendMessageBatchCommand({ QueueUrl, Entries: [] }))).rejects.toBeInstanceOf(
        EmptyBatchRequest,
      );
      await expect(t.sqs.send(new SendMessageBatchCommand({ QueueUrl, Entries: entries(11) }))).rejects.toBeInstanceOf(
        TooManyEntriesInBatchRequest,
      );
    });

    it('answers BatchEntryIdsNotDistinct and InvalidBatchEntryId', async () => {
      const QueueUrl = await createQueue();
      const repeated = [...entries(2), { Id: 'm0', MessageBody: 'again' }];
      await expect(t.sqs.send(new SendMessageBatchCommand({ QueueUrl, Entries: repeated }))).rejects.toBeInstanceOf(
        BatchEntryIdsNotDistinct,
      );
      for (const Id of ['has space', 'x'.repeat(81), '']) {
        const Entries = [{ Id, MessageBody: 'x' }];
        await expect(t.sqs.send(new SendMessageBatchCommand({ QueueUrl, Entries }))).rejects.toBeInstanceOf(
          InvalidBatchEntryId,
        );
      }
      expect(await receiveAll(QueueUrl)).toEqual([]);
    });

    it('answers BatchRequestTooLong when the messages together exceed 1 MiB', async () => {
      const QueueUrl = await createQueue();
      const Entries = entries(3, () => 'x'.repeat(350_000));
      await expect(t.sqs.send(new SendMessageBatchCommand({ QueueUrl, Entries }))).rejects.toBeInstanceOf(
        BatchRequestTooLong,
      );
      expect(await receiveAll(QueueUrl)).toEqual([]);
    });

    it('fails only the entries that are invalid', async () => {
      // Prepare
      const QueueUrl = await createQueue({ MaximumMessageSize: '1024' });
      const Entries = [
        { Id: 'ok-1', MessageBody: 'fine' },
        { Id: 'too-big', MessageBody: 'x'.repeat(2000) },
        { Id: 'bad-chars', MessageBody: 'nul \u0000' },
        { Id: 'bad-delay', MessageBody: 'late', DelaySeconds: 901 },
        { Id: 'ok-2', MessageBody: 'also fine' },
      ];

      // Act
      const result = await t.sqs.send(new SendMessageBatchCommand({ QueueUrl, Entries }));

      // Assess
      expect(result.Successful?.map((entry) => entry.Id)).toEqual(['ok-1', 'ok-2']);
      expect(result.Failed).toEqual([
        {
          Id: 'too-big',
          SenderFault: true,
          Code: 'InvalidParameterValue',
          Message: 'One or more parameters are invalid. Reason: Message must be shorter than 1024 bytes.',
        },
        { Id: 'bad-chars', SenderFault: true, Code: 'InvalidMessageContents', Message: expect.any(String) },
        { Id: 'bad-delay', SenderFault: true, Code: 'InvalidParameterValue', Message: expect.any(String) },
      ]);
      expect((await receiveAll(QueueUrl)).map((message) => message.Body).sort()).toEqual(['also fine', 'fine']);
    });
  });

  describe('DeleteMessageBatch and ChangeMessageVisibilityBatch', () => {
    it('deletes received messages and reports malformed handles per entry', async () => {
      // Prepare
      const QueueUrl = await createQueue();
      await t.sqs.send(new SendMessageBatchCommand({ QueueUrl, Entries: entries(3) }));
      const received = await receiveAll(QueueUrl);

      // Act
      const result = await t.sqs.send(
        new DeleteMessageBatchCommand({
          QueueUrl,
          Entries: [
            ...received.map((message, i) => ({ Id: `d${i}`, ReceiptHandle: message.ReceiptHandle })),
            { Id: 'junk', ReceiptHandle: 'junk' },
          ],
        }),
      );

      // Assess
      expect(result.Successful?.map((entry) => entry.Id)).toEqual(['d0', 'd1', 'd2']);
      expect(result.Failed).toEqual([
        { Id: 'junk', SenderFault: true, Code: 'ReceiptHandleIsInvalid', Message: expect.any(String) },
      ]);
      const { Attributes } = await t.sqs.send(
        new GetQueueAttributesCommand({
          QueueUrl,
          AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible'],
        }),
      );
      expect(Attributes).toEqual({ ApproximateNumberOfMessages: '0', ApproximateNumberOfMessagesNotVisible: '0' });
    });

    it('changes the visibility of several messages at once', async () => {
      // Prepare
      const QueueUrl = await createQueue();
      await t.sqs.send(new SendMessageBatchCommand({ QueueUrl, Entries: entries(2) }));
      const [first, second] = await receiveAll(QueueUrl);

      // Act
      const result = await t.sqs.send(
        new ChangeMessageVisibilityBatchCommand({
          QueueUrl,
          Entries: [
            { Id: 'release', ReceiptHandle: first?.ReceiptHandle, VisibilityTimeout: 0 },
            { Id: 'keep', ReceiptHandle: second?.ReceiptHandle, VisibilityTimeout: 600 },
          ],
        }),
      );

      // Assess
      expect(result.Successful?.map((entry) => entry.Id)).toEqual(['release', 'keep']);
      expect((await receiveAll(QueueUrl)).map((message) => message.MessageId)).toEqual([first?.MessageId]);
    });

    it('checks the shape of delete and visibility batches too', async () => {
      const QueueUrl = await createQueue();
      await expect(t.sqs.send(new DeleteMessageBatchCommand({ QueueUrl, Entries: [] }))).rejects.toBeInstanceOf(
        EmptyBatchRequest,
      );
      const tooMany = Array.from({ length: 11 }, (_, i) => ({ Id: `e${i}`, ReceiptHandle: 'x', VisibilityTimeout: 0 }));
      await expect(
        t.sqs.send(new ChangeMessageVisibilityBatchCommand({ QueueUrl, Entries: tooMany })),
      ).rejects.toBeInstanceOf(TooManyEntriesInBatchRequest);
    });
  });
});
