import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { CreateTableCommand, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { BatchWriteCommand, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { startLocalCloud, type LocalCloud } from '@platform/local-cloud';
import {
  collect,
  configureAwsClients,
  documentClient,
  dynamoDbClient,
  queryItems,
  resetAwsClients,
  scanItems,
  scanPages,
  ssmClient,
  sqsClient,
} from '../../src/index.js';

describe('container-scoped clients', () => {
  let cloud: LocalCloud;
  beforeAll(async () => {
    cloud = await startLocalCloud({ port: 0 });
    process.env.AWS_ENDPOINT_URL = cloud.endpoint;
    process.env.AWS_REGION = cloud.region;
    process.env.AWS_ACCESS_KEY_ID = 'test';
    process.env.AWS_SECRET_ACCESS_KEY = 'test';
    resetAwsClients();
    await dynamoDbClient().send(
      new CreateTableCommand({
        TableName: 'items',
        BillingMode: 'PAY_PER_REQUEST',
        AttributeDefinitions: [
          { AttributeName: 'pk', AttributeType: 'S' },
          { AttributeName: 'sk', AttributeType: 'N' },
        ],
        KeySchema: [
          { AttributeName: 'pk', KeyType: 'HASH' },
          { AttributeName: 'sk', KeyType: 'RANGE' },
        ],
      }),
    );
    const items = Array.from({ length: 55 }, (_, i) => ({ pk: i < 30 ? 'a' : 'b', sk: i, payload: 'x'.repeat(10) }));
    for (let i = 0; i < items.length; i += 25) {
      await documentClient().send(
        new BatchWriteCommand({
          RequestItems: { items: items.slice(i, i + 25).map((Item) => ({ PutRequest: { Item } })) },
        }),
      );
    }
  });
  afterAll(async () => {
    resetAwsClients();
    await cloud.stop();
  });

  it('reaches the endpoint named by AWS_ENDPOINT_URL with no code change', async () => {
    const tables = await dynamoDbClient().send(new ListTablesCommand({}));
    expect(tables.TableNames).toEqual(['items']);
  });

  it('returns the same client for every call in a container', () => {
    expect(ssmClient()).toBe(ssmClient());
    expect(sqsClient()).toBe(sqsClient());
    expect(documentClient()).toBe(documentClient());
  });

  it('creates new clients after a reset', () => {
    const before = ssmClient();
    resetAwsClients();
    expect(ssmClient()).not.toBe(before);
  });

  it('reads and writes plain values through the document client, dropping undefined', async () => {
    await documentClient().send(
      new PutCommand({ TableName: 'items', Item: { pk: 'c', sk: 1, note: undefined, n: 2 } }),
    );
    const { Item } = await documentClient().send(new GetCommand({ TableName: 'items', Key: { pk: 'c', sk: 1 } }));
    expect(Item).toEqual({ pk: 'c', sk: 1, n: 2 });
  });

  it('pages through a whole query and a whole scan', async () => {
    const query = queryItems({
      TableName: 'items',
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': 'a' },
      Limit: 7,
    });
    const queried = await collect(query);
    expect(queried.map((item) => item.sk)).toEqual(Array.from({ length: 30 }, (_, i) => i));
    const pages = await collect(scanPages({ TableName: 'items', Limit: 10 }));
    expect(pages.length).toBeGreaterThanOrEqual(6);
    expect(pages.flat()).toHaveLength(56);
    expect(await collect(scanItems({ TableName: 'items' }), 5)).toHaveLength(5);
  });

  it('honours explicit overrides', async () => {
    configureAwsClients({ endpoint: 'http://127.0.0.1:1', region: 'eu-west-1', maxAttempts: 1 });
    await expect(dynamoDbClient().send(new ListTablesCommand({}))).rejects.toThrow();
    expect(await dynamoDbClient().config.region()).toBe('eu-west-1');
    configureAwsClients({});
    await expect(dynamoDbClient().send(new ListTablesCommand({}))).resolves.toBeDefined();
  });
});
