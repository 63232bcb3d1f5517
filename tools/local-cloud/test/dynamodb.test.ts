import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  CreateTableCommand,
  GetItemCommand,
  PutItemCommand,
  ResourceNotFoundException,
  ConditionalCheckFailedException,
} from '@aws-sdk/client-dynamodb';
import { startTestCloud, type TestCloud } from './helpers/clients.js';

describe('DynamoDB on the local endpoint', () => {
  let t: TestCloud;
  beforeAll(async () => {
    t = await startTestCloud();
  });
  afterAll(async () => {
    await t.stop();
  });

  it('creates a table that is ACTIVE at once and stores items', async () => {
    const created = await t.dynamodb.send(
      new CreateTableCommand({
        TableName: 'risk',
        BillingMode: 'PAY_PER_REQUEST',
        AttributeDefinitions: [{ AttributeName: 'companyId', AttributeType: 'S' }],
        KeySchema: [{ AttributeName: 'companyId', KeyType: 'HASH' }],
      }),
    );
    expect(created.TableDescription?.TableStatus).toMatch(/CREATING|ACTIVE/);
    await t.dynamodb.send(
      new PutItemCommand({ TableName: 'risk', Item: { companyId: { S: 'c-1' }, status: { S: 'reliable' } } }),
    );
    const got = await t.dynamodb.send(new GetItemCommand({ TableName: 'risk', Key: { companyId: { S: 'c-1' } } }));
    expect(got.Item?.status?.S).toBe('reliable');
  });

  it('answers conditional-write failures with the SDK exception class', async () => {
    const put = new PutItemCommand({
      TableName: 'risk',
      Item: { companyId: { S: 'c-1' } },
      ConditionExpression: 'attribute_not_exists(companyId)',
    });
    await expect(t.dynamodb.send(put)).rejects.toBeInstanceOf(ConditionalCheckFailedException);
  });

  it('answers an unknown table with ResourceNotFoundException', async () => {
    const get = new GetItemCommand({ TableName: 'nope', Key: { companyId: { S: 'x' } } });
    await expect(t.dynamodb.send(get)).rejects.toBeInstanceOf(ResourceNotFoundException);
  });
});
