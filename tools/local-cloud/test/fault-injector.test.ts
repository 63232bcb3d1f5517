import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ListTablesCommand, ProvisionedThroughputExceededException } from '@aws-sdk/client-dynamodb';
import { startTestCloud, type TestCloud } from './helpers/clients.js';

describe('fault injection', () => {
  let t: TestCloud;
  beforeAll(async () => {
    t = await startTestCloud();
  });
  afterAll(async () => {
    await t.stop();
  });

  it('fails the matching requests as many times as asked, as the SDK exception class', async () => {
    t.cloud.faults.add({
      target: 'DynamoDB_20120810.ListTables',
      code: 'ProvisionedThroughputExceededException',
      count: 2,
    });
    const list = () => t.dynamodb.send(new ListTablesCommand({}));
    await expect(list()).rejects.toBeInstanceOf(ProvisionedThroughputExceededException);
    await expect(list()).rejects.toBeInstanceOf(ProvisionedThroughputExceededException);
    await expect(list()).resolves.toMatchObject({ TableNames: [] });
  });

  it('takes rules over HTTP, matches a whole service, and clears them', async () => {
    const rule = { target: 'DynamoDB_20120810', code: 'InternalServerError', statusCode: 500 };
    const added = await fetch(`${t.cloud.endpoint}/_local-cloud/faults`, {
      method: 'POST',
      body: JSON.stringify(rule),
    });
    expect(added.status).toBe(204);
    await expect(t.dynamodb.send(new ListTablesCommand({}))).rejects.toMatchObject({
      name: 'InternalServerError',
      $metadata: { httpStatusCode: 500 },
    });
    await fetch(`${t.cloud.endpoint}/_local-cloud/faults`, { method: 'DELETE' });
    await expect(t.dynamodb.send(new ListTablesCommand({}))).resolves.toBeDefined();
  });

  it('refuses a rule without a target or code', async () => {
    const response = await fetch(`${t.cloud.endpoint}/_local-cloud/faults`, { method: 'POST', body: '{"code":""}' });
    expect(response.status).toBe(400);
    expect(() => t.cloud.faults.add({ target: '', code: 'X' })).toThrow(/target and a code/);
  });
});
