import { describe, expect, it } from '@jest/globals';
import {
  CreateTableCommand,
  DescribeTableCommand,
  DynamoDBServiceException,
  PutItemCommand,
  QueryCommand,
  ScanCommand,
  UpdateTableCommand,
  type CreateGlobalSecondaryIndexAction,
} from '@aws-sdk/client-dynamodb';
import { useTestCloud } from '../helpers/clients.js';
import { failure } from '../helpers/aws-errors.js';

describe('DynamoDB UpdateTable GlobalSecondaryIndexUpdates', () => {
  const t = useTestCloud({ postgres: false, dynamodb: { ttlSweepIntervalMs: 0 } });

  const createTable = (name: string): Promise<unknown> =>
    t.dynamodb.send(
      new CreateTableCommand({
        TableName: name,
        BillingMode: 'PAY_PER_REQUEST',
        AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }],
        KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
      }),
    );
  const createIndex = (table: string, create: Partial<CreateGlobalSecondaryIndexAction> = {}) =>
    t.dynamodb.send(
      new UpdateTableCommand({
        TableName: table,
        AttributeDefinitions: [
          { AttributeName: 'g', AttributeType: 'S' },
          { AttributeName: 'r', AttributeType: 'S' },
        ],
        GlobalSecondaryIndexUpdates: [
          {
            Create: {
              IndexName: 'by-g',
              KeySchema: [{ AttributeName: 'g', KeyType: 'HASH' }],
              Projection: { ProjectionType: 'ALL' },
              ...create,
            },
          },
        ],
      }),
    );
  const indexStatus = async (table: string) =>
    (await t.dynamodb.send(new DescribeTableCommand({ TableName: table }))).Table?.GlobalSecondaryIndexes?.map((i) => [
      i.IndexName,
      i.IndexStatus,
    ]);

  it('backfills around items that violate the index key and makes the index ACTIVE', async () => {
    await createTable('violations');
    for (let i = 0; i < 20; i++)
      await t.dynamodb.send(
        new PutItemCommand({
          TableName: 'violations',
          Item: { pk: { S: `k${i}` }, g: i === 10 ? { N: '5' } : { S: `v${i}` } },
        }),
      );
    await t.dynamodb.send(
      new PutItemCommand({ TableName: 'violations', Item: { pk: { S: 'long' }, g: { S: 'x'.repeat(2049) } } }),
    );
    await t.dynamodb.send(new PutItemCommand({ TableName: 'violations', Item: { pk: { S: 'none' } } }));

    const answer = await createIndex('violations');

    expect(answer.TableDescription?.GlobalSecondaryIndexes?.[0]?.IndexStatus).toBe('ACTIVE');
    expect(await indexStatus('violations')).toEqual([['by-g', 'ACTIVE']]);
    const scanned = await t.dynamodb.send(new ScanCommand({ TableName: 'violations', IndexName: 'by-g' }));
    expect(scanned.Count).toBe(19);
    const table = await t.dynamodb.send(new ScanCommand({ TableName: 'violations' }));
    expect(table.Count).toBe(22);
    const queried = await t.dynamodb.send(
      new QueryCommand({
        TableName: 'violations',
        IndexName: 'by-g',
        KeyConditionExpression: 'g = :g',
        ExpressionAttributeValues: { ':g': { S: 'v3' } },
      }),
    );
    expect(queried.Items).toEqual([{ pk: { S: 'k3' }, g: { S: 'v3' } }]);
  });

  it('refuses, once the index exists, a write that violates its key', async () => {
    const { summary } = await failure(
      t.dynamodb.send(new PutItemCommand({ TableName: 'violations', Item: { pk: { S: 'k10' }, g: { N: '6' } } })),
      DynamoDBServiceException,
    );

    expect(summary).toMatchObject({ name: 'ValidationException', status: 400 });
    expect(summary.message).toContain('Type mismatch for Index Key g');
  });

  it.each([
    [
      'a ProjectionType outside the enum',
      { Projection: { ProjectionType: 'BOGUS' as 'ALL' } },
      "Value 'BOGUS' at 'globalSecondaryIndexUpdates.1.member.create.projection.projectionType' failed to satisfy constraint: Member must satisfy enum value set: [ALL, INCLUDE, KEYS_ONLY]",
    ],
    [
      'a key schema with only a RANGE key',
      { KeySchema: [{ AttributeName: 'g', KeyType: 'RANGE' as const }] },
      'Invalid KeySchema: The first KeySchemaElement is not a HASH key type',
    ],
    [
      'a second key that is not RANGE',
      {
        KeySchema: [
          { AttributeName: 'g', KeyType: 'HASH' as const },
          { AttributeName: 'r', KeyType: 'HASH' as const },
        ],
      },
      'Invalid KeySchema: The second KeySchemaElement is not a RANGE key type',
    ],
    [
      'NonKeyAttributes without INCLUDE',
      { Projection: { ProjectionType: 'ALL' as const, NonKeyAttributes: ['x'] } },
      'One or more parameter values were invalid: ProjectionType is ALL, but NonKeyAttributes is specified',
    ],
  ])('refuses a Create with %s and leaves the table without the index', async (what, create, message) => {
    const table = what.replace(/\W+/g, '-');
    await createTable(table);

    const { summary } = await failure(createIndex(table, create), DynamoDBServiceException);

    expect(summary).toMatchObject({ name: 'ValidationException', status: 400 });
    expect(summary.message).toContain(message);
    expect(await indexStatus(table)).toBeUndefined();
  });

  it('takes the Create again after a refused one', async () => {
    await createTable('retry');
    await failure(createIndex('retry', { Projection: { ProjectionType: 'BOGUS' as 'ALL' } }), DynamoDBServiceException);

    await createIndex('retry');

    expect(await indexStatus('retry')).toEqual([['by-g', 'ACTIVE']]);
  });
});
