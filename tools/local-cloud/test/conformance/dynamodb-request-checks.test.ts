import { beforeAll, describe, expect, it } from '@jest/globals';
import {
  BatchGetItemCommand,
  BatchWriteItemCommand,
  CreateTableCommand,
  DynamoDBServiceException,
  GetItemCommand,
  TransactWriteItemsCommand,
} from '@aws-sdk/client-dynamodb';
import { useTestCloud } from '../helpers/clients.js';
import { failure } from '../helpers/aws-errors.js';

const ARN = 'arn:aws:dynamodb:us-east-1:000000000000:table/checks';

describe('DynamoDB request checks', () => {
  const t = useTestCloud({ postgres: false, dynamodb: { ttlSweepIntervalMs: 0 } });

  /** A raw JSON 1.0 request, for bodies the SDK would never serialize. */
  const call = async (operation: string, body: unknown): Promise<{ status: number; type: string; message: string }> => {
    const response = await fetch(t.cloud.endpoint, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-amz-json-1.0',
        'x-amz-target': `DynamoDB_20120810.${operation}`,
        authorization:
          'AWS4-HMAC-SHA256 Credential=test/20240101/us-east-1/dynamodb/aws4_request, SignedHeaders=host, Signature=x',
      },
      body: JSON.stringify(body),
    });
    const answer = (await response.json()) as { __type?: string; message?: string; Message?: string };
    return {
      status: response.status,
      type: String(answer.__type ?? '').replace(/^.*#/, ''),
      message: String(answer.message ?? answer.Message ?? ''),
    };
  };
  const has = async (id: string): Promise<boolean> =>
    Boolean((await t.dynamodb.send(new GetItemCommand({ TableName: 'checks', Key: { pk: { S: id } } }))).Item);

  beforeAll(async () => {
    await t.dynamodb.send(
      new CreateTableCommand({
        TableName: 'checks',
        BillingMode: 'PAY_PER_REQUEST',
        AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }],
        KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
      }),
    );
  });

  describe('bodies that used to answer 500', () => {
    it.each([
      ['TransactWriteItems', { TransactItems: [{ Put: null }] }, 'ValidationException'],
      ['TransactWriteItems', { TransactItems: [{ Put: 5 }] }, 'SerializationException'],
      ['UpdateTable', { TableName: 'checks', GlobalSecondaryIndexUpdates: [null] }, 'ValidationException'],
      [
        'UpdateTable',
        {
          TableName: 'checks',
          AttributeDefinitions: [{ AttributeName: 'g', AttributeType: 'S' }],
          GlobalSecondaryIndexUpdates: [
            { Create: { IndexName: 'by-g', KeySchema: [null], Projection: { ProjectionType: 'ALL' } } },
          ],
        },
        'ValidationException',
      ],
      [
        'UpdateTable',
        {
          TableName: 'checks',
          AttributeDefinitions: [null],
          GlobalSecondaryIndexUpdates: [
            {
              Create: {
                IndexName: 'by-g',
                KeySchema: [{ AttributeName: 'g', KeyType: 'HASH' }],
                Projection: { ProjectionType: 'ALL' },
              },
            },
          ],
        },
        'ValidationException',
      ],
    ])('answers %s %j with 400 %s', async (operation, body, type) => {
      const answer = await call(operation, body);

      expect(answer).toMatchObject({ status: 400, type });
    });
  });

  describe('members AWS refuses', () => {
    it.each([
      ['StreamSpecification that is a string', { StreamSpecification: 'x' }, 'SerializationException'],
      ['SSESpecification that is a string', { SSESpecification: 'x' }, 'SerializationException'],
      [
        'KMSMasterKeyId that is a number',
        { SSESpecification: { Enabled: true, KMSMasterKeyId: 5 } },
        'SerializationException',
      ],
      ['GSI Delete without IndexName', { GlobalSecondaryIndexUpdates: [{ Delete: {} }] }, 'ValidationException'],
    ])('refuses UpdateTable with a %s', async (_what, members, type) => {
      const answer = await call('UpdateTable', { TableName: 'checks', ...members });

      expect(answer).toMatchObject({ status: 400, type });
    });

    it.each([
      [
        'a ConditionCheck with ReturnValues',
        { ConditionCheck: { ConditionExpression: 'attribute_exists(pk)', ReturnValues: 'ALL_OLD' } },
      ],
      ['an Update without UpdateExpression', { Update: {} }],
      ['a Put with Expected', { Put: { Item: { pk: { S: 'e' } }, Expected: { pk: { Exists: false } } } }],
    ])('refuses TransactWriteItems with %s and writes nothing', async (_what, action) => {
      const [kind, member] = Object.entries(action)[0] as [string, Record<string, unknown>];
      const answer = await call('TransactWriteItems', {
        TransactItems: [
          { Put: { TableName: 'checks', Item: { pk: { S: 'untouched' } } } },
          { [kind]: { TableName: 'checks', Key: { pk: { S: 'x' } }, ...member } },
        ],
      });

      expect(answer).toMatchObject({ status: 400, type: 'ValidationException' });
      expect(await has('untouched')).toBe(false);
    });
  });

  it('refuses a TransactWriteItems whose items exceed 4 MB together, and writes none of them', async () => {
    const big = 'x'.repeat(390_000);
    const { summary } = await failure(
      t.dynamodb.send(
        new TransactWriteItemsCommand({
          TransactItems: Array.from({ length: 11 }, (_, i) => ({
            Put: { TableName: 'checks', Item: { pk: { S: `big${i}` }, d: { S: big } } },
          })),
        }),
      ),
      DynamoDBServiceException,
    );

    expect(summary).toEqual({
      name: 'ValidationException',
      message: 'The aggregate size of the items in the transaction cannot exceed 4 MB',
      status: 400,
    });
    expect(await has('big0')).toBe(false);
  });

  it('takes a TransactWriteItems of 10 items of 390 KB (under 4 MB)', async () => {
    const big = 'x'.repeat(390_000);
    await t.dynamodb.send(
      new TransactWriteItemsCommand({
        TransactItems: Array.from({ length: 10 }, (_, i) => ({
          Put: { TableName: 'checks', Item: { pk: { S: `fits${i}` }, d: { S: big } } },
        })),
      }),
    );

    expect(await has('fits9')).toBe(true);
  });

  describe('RequestItems naming one table by name and by ARN', () => {
    it('BatchWriteItem applies both lists', async () => {
      await t.dynamodb.send(
        new BatchWriteItemCommand({
          RequestItems: {
            checks: [{ PutRequest: { Item: { pk: { S: 'b1' } } } }],
            [ARN]: [{ PutRequest: { Item: { pk: { S: 'b2' } } } }],
          },
        }),
      );

      expect([await has('b1'), await has('b2')]).toEqual([true, true]);
    });

    it('BatchWriteItem refuses the same item in both lists, as within one', async () => {
      const { summary } = await failure(
        t.dynamodb.send(
          new BatchWriteItemCommand({
            RequestItems: {
              checks: [{ PutRequest: { Item: { pk: { S: 'b3' } } } }],
              [ARN]: [{ DeleteRequest: { Key: { pk: { S: 'b3' } } } }],
            },
          }),
        ),
        DynamoDBServiceException,
      );

      expect(summary).toMatchObject({ name: 'ValidationException', status: 400 });
    });

    it('BatchGetItem refuses it (each table name or ARN can be used only once)', async () => {
      const { summary } = await failure(
        t.dynamodb.send(
          new BatchGetItemCommand({
            RequestItems: { checks: { Keys: [{ pk: { S: 'b1' } }] }, [ARN]: { Keys: [{ pk: { S: 'b2' } }] } },
          }),
        ),
        DynamoDBServiceException,
      );

      expect(summary).toMatchObject({ name: 'ValidationException', status: 400 });
      expect(summary.message).toContain('can be used only once per BatchGetItem request');
    });

    it('BatchGetItem by ARN alone answers under the ARN', async () => {
      const got = await t.dynamodb.send(
        new BatchGetItemCommand({ RequestItems: { [ARN]: { Keys: [{ pk: { S: 'b1' } }] } } }),
      );

      expect(got.Responses).toEqual({ [ARN]: [{ pk: { S: 'b1' } }] });
    });
  });
});
