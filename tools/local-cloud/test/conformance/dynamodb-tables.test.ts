import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  ConditionalCheckFailedException,
  CreateBackupCommand,
  ExecuteStatementCommand,
  CreateTableCommand,
  DeleteItemCommand,
  DeleteTableCommand,
  DescribeTableCommand,
  DescribeTimeToLiveCommand,
  GetItemCommand,
  ListTagsOfResourceCommand,
  PutItemCommand,
  QueryCommand,
  UpdateItemCommand,
  UpdateTableCommand,
  UpdateTimeToLiveCommand,
  type CreateTableCommandInput,
} from '@aws-sdk/client-dynamodb';
import { startTestCloud, type TestCloud } from '../helpers/clients.js';

const caught = async (promise: Promise<unknown>): Promise<Error & { $metadata?: { httpStatusCode?: number } }> =>
  promise.then(
    () => {
      throw new Error('expected a failure');
    },
    (error: Error) => error,
  );

const table = (name: string, extra: Partial<CreateTableCommandInput> = {}): CreateTableCommand =>
  new CreateTableCommand({
    TableName: name,
    BillingMode: 'PAY_PER_REQUEST',
    AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
    KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
    ...extra,
  });

describe('DynamoDB tables', () => {
  let t: TestCloud;
  let now = Date.UTC(2030, 0, 1);
  const nowS = (): number => Math.floor(now / 1000);

  beforeAll(async () => {
    t = await startTestCloud({ postgres: false, dynamodb: { clock: () => now, ttlSweepIntervalMs: 0 } });
  });
  afterAll(async () => {
    await t.stop();
  });

  it('answers CreateTable with an ACTIVE table that takes a PutItem at once, 50 in parallel', async () => {
    const results = await Promise.all(
      Array.from({ length: 50 }, async (_, i) => {
        const created = await t.dynamodb.send(table(`fresh-${i}`));
        await t.dynamodb.send(new PutItemCommand({ TableName: `fresh-${i}`, Item: { id: { S: 'a' } } }));
        return created.TableDescription?.TableStatus;
      }),
    );

    expect(results.every((status) => status === 'ACTIVE')).toBe(true);
  });

  it('answers CreateTable then PutItem one after another without ResourceNotFoundException', async () => {
    for (let i = 0; i < 30; i++) {
      await t.dynamodb.send(table(`serial-${i}`));
      await t.dynamodb.send(new PutItemCommand({ TableName: `serial-${i}`, Item: { id: { S: 'a' } } }));
    }

    const got = await t.dynamodb.send(new GetItemCommand({ TableName: 'serial-29', Key: { id: { S: 'a' } } }));
    expect(got.Item).toEqual({ id: { S: 'a' } });
  });

  it('takes a table ARN wherever it takes a table name', async () => {
    const created = await t.dynamodb.send(table('by-arn'));
    const arn = created.TableDescription?.TableArn;

    await t.dynamodb.send(new PutItemCommand({ TableName: arn, Item: { id: { S: 'a' }, v: { N: '1' } } }));
    const got = await t.dynamodb.send(new GetItemCommand({ TableName: arn, Key: { id: { S: 'a' } } }));
    const described = await t.dynamodb.send(new DescribeTableCommand({ TableName: arn }));

    expect(arn).toBe(`arn:aws:dynamodb:us-east-1:000000000000:table/by-arn`);
    expect(got.Item?.v).toEqual({ N: '1' });
    expect(described.Table?.TableName).toBe('by-arn');
  });

  it('keeps the tags given to CreateTable', async () => {
    const created = await t.dynamodb.send(table('tagged', { Tags: [{ Key: 'team', Value: 'risk' }] }));

    const tags = await t.dynamodb.send(
      new ListTagsOfResourceCommand({ ResourceArn: created.TableDescription?.TableArn }),
    );

    expect(tags.Tags).toEqual([{ Key: 'team', Value: 'risk' }]);
  });

  it('describes billing mode, deletion protection, streams and SSE as given', async () => {
    await t.dynamodb.send(
      table('described', {
        DeletionProtectionEnabled: true,
        StreamSpecification: { StreamEnabled: true, StreamViewType: 'NEW_AND_OLD_IMAGES' },
        SSESpecification: { Enabled: true, SSEType: 'KMS' },
      }),
    );

    const { Table } = await t.dynamodb.send(new DescribeTableCommand({ TableName: 'described' }));

    expect(Table?.BillingModeSummary?.BillingMode).toBe('PAY_PER_REQUEST');
    expect(Table?.DeletionProtectionEnabled).toBe(true);
    expect(Table?.StreamSpecification).toEqual({ StreamEnabled: true, StreamViewType: 'NEW_AND_OLD_IMAGES' });
    expect(Table?.LatestStreamArn).toMatch(/^arn:aws:dynamodb:us-east-1:000000000000:table\/described\/stream\//);
    expect(Table?.SSEDescription).toMatchObject({ Status: 'ENABLED', SSEType: 'KMS' });
  });

  it('refuses DeleteTable while deletion protection is on, until UpdateTable turns it off', async () => {
    await t.dynamodb.send(table('protected', { DeletionProtectionEnabled: true }));

    const refused = await caught(t.dynamodb.send(new DeleteTableCommand({ TableName: 'protected' })));
    const updated = await t.dynamodb.send(
      new UpdateTableCommand({ TableName: 'protected', DeletionProtectionEnabled: false }),
    );
    await t.dynamodb.send(new DeleteTableCommand({ TableName: 'protected' }));

    expect(refused.name).toBe('ValidationException');
    expect(refused.$metadata?.httpStatusCode).toBe(400);
    expect(refused.message).toBe(
      'Resource cannot be deleted as it is currently protected against deletion. Disable deletion protection first.',
    );
    expect(updated.TableDescription?.DeletionProtectionEnabled).toBe(false);
  });

  it('adds a GSI with UpdateTable that is ACTIVE and answers queries over existing items', async () => {
    await t.dynamodb.send(table('indexed'));
    await t.dynamodb.send(
      new PutItemCommand({ TableName: 'indexed', Item: { id: { S: 'a' }, status: { S: 'open' } } }),
    );

    const updated = await t.dynamodb.send(
      new UpdateTableCommand({
        TableName: 'indexed',
        AttributeDefinitions: [{ AttributeName: 'status', AttributeType: 'S' }],
        GlobalSecondaryIndexUpdates: [
          {
            Create: {
              IndexName: 'by-status',
              KeySchema: [{ AttributeName: 'status', KeyType: 'HASH' }],
              Projection: { ProjectionType: 'ALL' },
            },
          },
        ],
      }),
    );
    await t.dynamodb.send(
      new PutItemCommand({ TableName: 'indexed', Item: { id: { S: 'b' }, status: { S: 'open' } } }),
    );
    const open = await t.dynamodb.send(
      new QueryCommand({
        TableName: 'indexed',
        IndexName: 'by-status',
        KeyConditionExpression: '#s = :open',
        ExpressionAttributeNames: { '#s': 'status' },
        ExpressionAttributeValues: { ':open': { S: 'open' } },
      }),
    );

    expect(updated.TableDescription?.GlobalSecondaryIndexes?.[0]).toMatchObject({
      IndexName: 'by-status',
      IndexStatus: 'ACTIVE',
    });
    expect(open.Items?.map((item) => item.id?.S).sort()).toEqual(['a', 'b']);
  });

  it('carries the old item on a ConditionalCheckFailedException when asked with ALL_OLD', async () => {
    await t.dynamodb.send(table('guarded'));
    await t.dynamodb.send(new PutItemCommand({ TableName: 'guarded', Item: { id: { S: 'a' }, v: { N: '1' } } }));
    const condition = {
      ConditionExpression: 'attribute_not_exists(id)',
      ReturnValuesOnConditionCheckFailure: 'ALL_OLD' as const,
    };

    const onPut = await caught(
      t.dynamodb.send(new PutItemCommand({ TableName: 'guarded', Item: { id: { S: 'a' } }, ...condition })),
    );
    const onUpdate = await caught(
      t.dynamodb.send(
        new UpdateItemCommand({
          TableName: 'guarded',
          Key: { id: { S: 'a' } },
          UpdateExpression: 'SET v = :two',
          ExpressionAttributeValues: { ':two': { N: '2' } },
          ...condition,
        }),
      ),
    );
    const onDelete = await caught(
      t.dynamodb.send(new DeleteItemCommand({ TableName: 'guarded', Key: { id: { S: 'a' } }, ...condition })),
    );
    const without = await caught(
      t.dynamodb.send(
        new PutItemCommand({
          TableName: 'guarded',
          Item: { id: { S: 'a' } },
          ConditionExpression: 'attribute_not_exists(id)',
        }),
      ),
    );

    for (const error of [onPut, onUpdate, onDelete]) {
      expect(error).toBeInstanceOf(ConditionalCheckFailedException);
      expect(error.$metadata?.httpStatusCode).toBe(400);
      expect((error as ConditionalCheckFailedException).Item).toEqual({ id: { S: 'a' }, v: { N: '1' } });
    }
    expect((without as ConditionalCheckFailedException).Item).toBeUndefined();
    expect(without.message).toBe('The conditional request failed');
  });

  it('turns time to live on and describes it', async () => {
    await t.dynamodb.send(table('expiring'));

    const updated = await t.dynamodb.send(
      new UpdateTimeToLiveCommand({
        TableName: 'expiring',
        TimeToLiveSpecification: { Enabled: true, AttributeName: 'expiresAt' },
      }),
    );
    const described = await t.dynamodb.send(new DescribeTimeToLiveCommand({ TableName: 'expiring' }));
    const again = await caught(
      t.dynamodb.send(
        new UpdateTimeToLiveCommand({
          TableName: 'expiring',
          TimeToLiveSpecification: { Enabled: true, AttributeName: 'expiresAt' },
        }),
      ),
    );

    expect(updated.TimeToLiveSpecification).toEqual({ Enabled: true, AttributeName: 'expiresAt' });
    expect(described.TimeToLiveDescription).toEqual({ TimeToLiveStatus: 'ENABLED', AttributeName: 'expiresAt' });
    expect(again.name).toBe('ValidationException');
    expect(again.message).toBe('TimeToLive is already enabled');
  });

  it('keeps expired items readable until the sweep deletes them, and only those', async () => {
    const item = (id: string, expiresAt: { N: string } | { S: string }) =>
      t.dynamodb.send(new PutItemCommand({ TableName: 'expiring', Item: { id: { S: id }, expiresAt } }));
    await item('past', { N: String(nowS() - 10) });
    await item('future', { N: String(nowS() + 3600) });
    await item('text', { S: String(nowS() - 10) });
    await item('ancient', { N: String(nowS() - 6 * 365 * 24 * 3600) });
    const read = async (id: string) =>
      (await t.dynamodb.send(new GetItemCommand({ TableName: 'expiring', Key: { id: { S: id } } }))).Item?.id?.S;

    const beforeSweep = await read('past');
    const deleted = await t.cloud.dynamodb.sweepExpiredItems();
    const afterSweep = await Promise.all(['past', 'future', 'text', 'ancient'].map(read));
    now += 2 * 3600 * 1000;
    const later = await t.cloud.dynamodb.sweepExpiredItems();

    expect(beforeSweep).toBe('past');
    expect(deleted).toBe(1);
    expect(afterSweep).toEqual([undefined, 'future', 'text', 'ancient']);
    expect(later).toBe(1);
    expect(await read('future')).toBeUndefined();
  });

  it('refuses operations it does not implement with UnknownOperationException', async () => {
    const backup = await caught(t.dynamodb.send(new CreateBackupCommand({ TableName: 'expiring', BackupName: 'b' })));
    const partiql = await caught(
      t.dynamodb.send(new ExecuteStatementCommand({ Statement: 'SELECT * FROM "expiring"' })),
    );

    for (const error of [backup, partiql]) {
      expect(error.name).toBe('UnknownOperationException');
      expect(error.$metadata?.httpStatusCode).toBe(400);
    }
  });
});
