import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  CreateTableCommand,
  GetItemCommand,
  IdempotentParameterMismatchException,
  PutItemCommand,
  ResourceNotFoundException,
  TransactGetItemsCommand,
  TransactionCanceledException,
  TransactWriteItemsCommand,
  type TransactWriteItem,
} from '@aws-sdk/client-dynamodb';
import { startTestCloud, type TestCloud } from '../helpers/clients.js';

describe('DynamoDB transactions', () => {
  let t: TestCloud;
  let now = Date.UTC(2030, 0, 1);
  const put = (id: string, extra: Record<string, { N: string } | { S: string }> = {}): TransactWriteItem => ({
    Put: { TableName: 'accounts', Item: { id: { S: id }, ...extra } },
  });
  const get = async (id: string) =>
    (await t.dynamodb.send(new GetItemCommand({ TableName: 'accounts', Key: { id: { S: id } }, ConsistentRead: true })))
      .Item;
  const caught = async (promise: Promise<unknown>): Promise<Error & { $metadata?: { httpStatusCode?: number } }> =>
    promise.then(
      () => {
        throw new Error('expected a failure');
      },
      (error: Error) => error,
    );

  beforeAll(async () => {
    t = await startTestCloud({ postgres: false, dynamodb: { clock: () => now, ttlSweepIntervalMs: 0 } });
    await t.dynamodb.send(
      new CreateTableCommand({
        TableName: 'accounts',
        BillingMode: 'PAY_PER_REQUEST',
        AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
        KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
      }),
    );
  });
  afterAll(async () => {
    await t.stop();
  });

  it('applies Put, Update, Delete and ConditionCheck together', async () => {
    await t.dynamodb.send(
      new TransactWriteItemsCommand({ TransactItems: [put('a1', { n: { N: '1' } }), put('a2'), put('a0')] }),
    );

    await t.dynamodb.send(
      new TransactWriteItemsCommand({
        TransactItems: [
          put('a3'),
          {
            Update: {
              TableName: 'accounts',
              Key: { id: { S: 'a1' } },
              UpdateExpression: 'SET n = n + :one',
              ExpressionAttributeValues: { ':one': { N: '1' } },
            },
          },
          { Delete: { TableName: 'accounts', Key: { id: { S: 'a2' } } } },
          {
            ConditionCheck: {
              TableName: 'accounts',
              Key: { id: { S: 'a0' } },
              ConditionExpression: 'attribute_exists(id)',
            },
          },
        ],
      }),
    );

    expect(await get('a3')).toEqual({ id: { S: 'a3' } });
    expect((await get('a1'))?.n).toEqual({ N: '2' });
    expect(await get('a2')).toBeUndefined();
  });

  it('cancels everything with a reason per action, in order, when one condition fails', async () => {
    await t.dynamodb.send(new PutItemCommand({ TableName: 'accounts', Item: { id: { S: 'c1' }, v: { N: '5' } } }));

    const error = await caught(
      t.dynamodb.send(
        new TransactWriteItemsCommand({
          TransactItems: [
            put('c2'),
            {
              ConditionCheck: {
                TableName: 'accounts',
                Key: { id: { S: 'c1' } },
                ConditionExpression: 'v = :six',
                ExpressionAttributeValues: { ':six': { N: '6' } },
                ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
              },
            },
            {
              Delete: { TableName: 'accounts', Key: { id: { S: 'c3' } }, ConditionExpression: 'attribute_exists(id)' },
            },
          ],
        }),
      ),
    );

    expect(error).toBeInstanceOf(TransactionCanceledException);
    expect(error.$metadata?.httpStatusCode).toBe(400);
    expect(error.message).toBe(
      'Transaction cancelled, please refer cancellation reasons for specific reasons [None, ConditionalCheckFailed, ConditionalCheckFailed]',
    );
    expect((error as TransactionCanceledException).CancellationReasons).toEqual([
      { Code: 'None' },
      {
        Code: 'ConditionalCheckFailed',
        Message: 'The conditional request failed',
        Item: { id: { S: 'c1' }, v: { N: '5' } },
      },
      { Code: 'ConditionalCheckFailed', Message: 'The conditional request failed' },
    ]);
    expect(await get('c2')).toBeUndefined();
  });

  it('undoes applied writes when an update fails on the stored item', async () => {
    await t.dynamodb.send(new PutItemCommand({ TableName: 'accounts', Item: { id: { S: 'u1' }, s: { S: 'text' } } }));

    const error = await caught(
      t.dynamodb.send(
        new TransactWriteItemsCommand({
          TransactItems: [
            put('u2'),
            {
              Update: {
                TableName: 'accounts',
                Key: { id: { S: 'u1' } },
                UpdateExpression: 'SET s = s + :one',
                ExpressionAttributeValues: { ':one': { N: '1' } },
              },
            },
          ],
        }),
      ),
    );

    expect(error).toBeInstanceOf(TransactionCanceledException);
    expect((error as TransactionCanceledException).CancellationReasons?.map((r) => r.Code)).toEqual([
      'None',
      'ValidationError',
    ]);
    expect(await get('u2')).toBeUndefined();
    expect((await get('u1'))?.s).toEqual({ S: 'text' });
  });

  it('refuses two actions on one item with ValidationException', async () => {
    const error = await caught(
      t.dynamodb.send(
        new TransactWriteItemsCommand({
          TransactItems: [
            put('d1'),
            {
              ConditionCheck: {
                TableName: 'accounts',
                Key: { id: { S: 'd1' } },
                ConditionExpression: 'attribute_not_exists(id)',
              },
            },
          ],
        }),
      ),
    );

    expect(error.name).toBe('ValidationException');
    expect(error.message).toBe('Transaction request cannot include multiple operations on one item');
    expect(error.$metadata?.httpStatusCode).toBe(400);
  });

  it('takes up to 100 actions and refuses 101', async () => {
    const hundred = Array.from({ length: 100 }, (_, i) => put(`h${i}`));

    await t.dynamodb.send(new TransactWriteItemsCommand({ TransactItems: hundred }));
    const error = await caught(
      t.dynamodb.send(new TransactWriteItemsCommand({ TransactItems: [...hundred, put('h100')] })),
    );

    expect(await get('h99')).toEqual({ id: { S: 'h99' } });
    expect(error.name).toBe('ValidationException');
    expect(error.message).toContain('Member must have length less than or equal to 100');
    expect(await get('h100')).toBeUndefined();
  });

  it('answers a missing table with ResourceNotFoundException and writes nothing', async () => {
    const error = await caught(
      t.dynamodb.send(
        new TransactWriteItemsCommand({
          TransactItems: [put('m1'), { Put: { TableName: 'missing', Item: { id: { S: 'x' } } } }],
        }),
      ),
    );

    expect(error).toBeInstanceOf(ResourceNotFoundException);
    expect(await get('m1')).toBeUndefined();
  });

  it('applies a ClientRequestToken once for 10 minutes', async () => {
    const add = (token: string, by: string) =>
      new TransactWriteItemsCommand({
        ClientRequestToken: token,
        TransactItems: [
          {
            Update: {
              TableName: 'accounts',
              Key: { id: { S: 'tok' } },
              UpdateExpression: 'ADD n :by',
              ExpressionAttributeValues: { ':by': { N: by } },
            },
          },
        ],
      });

    await t.dynamodb.send(add('token-1', '1'));
    await t.dynamodb.send(add('token-1', '1'));
    const mismatch = await caught(t.dynamodb.send(add('token-1', '2')));
    expect((await get('tok'))?.n).toEqual({ N: '1' });
    now += 10 * 60 * 1000 + 1;
    await t.dynamodb.send(add('token-1', '2'));

    expect(mismatch).toBeInstanceOf(IdempotentParameterMismatchException);
    expect(mismatch.$metadata?.httpStatusCode).toBe(400);
    expect((await get('tok'))?.n).toEqual({ N: '3' });
  });

  it('keeps a counter exact under 100 parallel transactions', async () => {
    await t.dynamodb.send(new PutItemCommand({ TableName: 'accounts', Item: { id: { S: 'counter' }, n: { N: '0' } } }));

    const increment = (i: number) =>
      t.dynamodb.send(
        new TransactWriteItemsCommand({
          TransactItems: [
            {
              Update: {
                TableName: 'accounts',
                Key: { id: { S: 'counter' } },
                UpdateExpression: 'SET n = n + :one',
                ExpressionAttributeValues: { ':one': { N: '1' } },
              },
            },
            put(`p${i}`, { at: { N: String(i) } }),
          ],
        }),
      );
    await Promise.all(Array.from({ length: 100 }, (_, i) => increment(i)));

    expect((await get('counter'))?.n).toEqual({ N: '100' });
    expect(await get('p99')).toEqual({ id: { S: 'p99' }, at: { N: '99' } });
  });

  it('lets exactly one of 100 parallel conditional transactions claim an item', async () => {
    const claim = (i: number) =>
      t.dynamodb.send(
        new TransactWriteItemsCommand({
          TransactItems: [
            {
              Put: {
                TableName: 'accounts',
                Item: { id: { S: 'claimed' }, by: { N: String(i) } },
                ConditionExpression: 'attribute_not_exists(id)',
              },
            },
          ],
        }),
      );

    const results = await Promise.allSettled(Array.from({ length: 100 }, (_, i) => claim(i)));

    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const refused = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(refused.every((r) => r.reason instanceof TransactionCanceledException)).toBe(true);
  });

  it('reads up to 100 items together with TransactGetItems', async () => {
    const keys = Array.from({ length: 100 }, (_, i) => ({
      Get: { TableName: 'accounts', Key: { id: { S: `h${i}` } } },
    }));
    keys[99] = { Get: { TableName: 'accounts', Key: { id: { S: 'never-written' } } } };

    const got = await t.dynamodb.send(new TransactGetItemsCommand({ TransactItems: keys }));

    expect(got.Responses).toHaveLength(100);
    expect(got.Responses?.[0]).toEqual({ Item: { id: { S: 'h0' } } });
    expect(got.Responses?.[99]).toEqual({});
  });

  it('fails TransactGetItems as a whole when one table is missing', async () => {
    const error = await caught(
      t.dynamodb.send(
        new TransactGetItemsCommand({
          TransactItems: [
            { Get: { TableName: 'accounts', Key: { id: { S: 'h0' } } } },
            { Get: { TableName: 'missing', Key: { id: { S: 'x' } } } },
          ],
        }),
      ),
    );

    expect(error).toBeInstanceOf(ResourceNotFoundException);
  });

  it('never shows half a transaction to TransactGetItems', async () => {
    await t.dynamodb.send(
      new TransactWriteItemsCommand({
        TransactItems: [put('left', { n: { N: '0' } }), put('right', { n: { N: '0' } })],
      }),
    );
    const bump = () =>
      t.dynamodb.send(
        new TransactWriteItemsCommand({
          TransactItems: ['left', 'right'].map((id) => ({
            Update: {
              TableName: 'accounts',
              Key: { id: { S: id } },
              UpdateExpression: 'SET n = n + :one',
              ExpressionAttributeValues: { ':one': { N: '1' } },
            },
          })),
        }),
      );
    const read = () =>
      t.dynamodb.send(
        new TransactGetItemsCommand({
          TransactItems: ['left', 'right'].map((id) => ({ Get: { TableName: 'accounts', Key: { id: { S: id } } } })),
        }),
      );

    const results = await Promise.all(Array.from({ length: 100 }, (_, i) => (i % 2 ? bump() : read())));

    const reads = results.filter((r) => 'Responses' in r && r.Responses) as Array<{
      Responses: Array<{ Item?: Record<string, { N?: string }> }>;
    }>;
    expect(reads).toHaveLength(50);
    for (const r of reads) expect(r.Responses[0]?.Item?.n?.N).toBe(r.Responses[1]?.Item?.n?.N);
  });
});
