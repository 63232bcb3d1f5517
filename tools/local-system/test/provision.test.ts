import { fileURLToPath } from 'node:url';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DescribeTableCommand } from '@aws-sdk/client-dynamodb';
import { GetQueueAttributesCommand, GetQueueUrlCommand, ListQueueTagsCommand } from '@aws-sdk/client-sqs';
import { GetParameterCommand, GetParametersByPathCommand } from '@aws-sdk/client-ssm';
import { provisionResources } from '../src/system/provision-resources.js';
import { LOCAL_ACCOUNT_ID } from '@platform/local-cloud';
import { readServiceManifest } from '@platform/service-manifest';
import { readParamsFile } from '@platform/settings/conventions';
import { seedParameters } from '../src/system/seed-parameters.js';
import { startTestCloud, type TestCloud } from './helpers/clients.js';

const riskService = fileURLToPath(new URL('../../../services/risk-service', import.meta.url));

describe('provisioning a service from its serverless.yml', () => {
  let t: TestCloud;
  beforeAll(async () => {
    t = await startTestCloud();
  });
  afterAll(async () => {
    await t.stop();
  });

  it('creates its table, its queue with a redrive to its DLQ, and the parameters it publishes', async () => {
    const config = readServiceManifest(riskService, { stage: 'ptest' });
    const scope = { region: t.cloud.region, accountId: LOCAL_ACCOUNT_ID, refs: new Map(), attributes: new Map() };
    const report = await provisionResources(t, config.resources?.Resources ?? {}, scope);
    expect(report.created.sort()).toEqual(
      [
        'RiskTable',
        'RiskUpdatesDlq',
        'RiskUpdatesQueue',
        'RiskTableNameParameter',
        'RiskUpdatesQueueUrlParameter',
        'RiskUpdatesQueueArnParameter',
      ].sort(),
    );
    // The API's URL needs a real REST API: the local system publishes the local one itself (startSystem).
    expect(report.skipped).toEqual([
      { logicalId: 'ApiEndpointParameter', reason: 'cannot resolve ApiGatewayRestApi locally' },
    ]);

    const table = await t.dynamodb.send(new DescribeTableCommand({ TableName: 'risk-service-ptest-risk' }));
    expect(table.Table?.KeySchema).toEqual([{ AttributeName: 'companyId', KeyType: 'HASH' }]);

    const { QueueUrl } = await t.sqs.send(new GetQueueUrlCommand({ QueueName: 'risk-service-ptest-risk-updates' }));
    const { Attributes } = await t.sqs.send(new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ['All'] }));
    expect(Attributes?.VisibilityTimeout).toBe('60');
    expect(JSON.parse(Attributes?.RedrivePolicy ?? '{}')).toEqual({
      deadLetterTargetArn: `arn:aws:sqs:${t.cloud.region}:${LOCAL_ACCOUNT_ID}:risk-service-ptest-risk-updates-dlq`,
      maxReceiveCount: 5,
    });

    const url = await t.ssm.send(new GetParameterCommand({ Name: '/platform/ptest/shared/queues/riskUpdates/url' }));
    expect(url.Parameter?.Value).toBe(QueueUrl);
    const name = await t.ssm.send(new GetParameterCommand({ Name: '/platform/ptest/risk-service/riskTable/name' }));
    expect(name.Parameter?.Value).toBe('risk-service-ptest-risk');
  });

  it('is idempotent: provisioning twice changes nothing', async () => {
    const config = readServiceManifest(riskService, { stage: 'ptest' });
    const scope = { region: t.cloud.region, accountId: LOCAL_ACCOUNT_ID, refs: new Map(), attributes: new Map() };
    await expect(provisionResources(t, config.resources?.Resources ?? {}, scope)).resolves.toMatchObject({
      skipped: [{ logicalId: 'ApiEndpointParameter' }],
    });
  });

  it('creates a FIFO queue with its FIFO DLQ and tags, named with .fifo when no QueueName is given', async () => {
    const scope = { region: t.cloud.region, accountId: LOCAL_ACCOUNT_ID, refs: new Map(), attributes: new Map() };
    const report = await provisionResources(
      t,
      {
        OrdersQueue: {
          Type: 'AWS::SQS::Queue',
          Properties: {
            FifoQueue: true,
            ContentBasedDeduplication: true,
            DeduplicationScope: 'messageGroup',
            FifoThroughputLimit: 'perMessageGroupId',
            RedrivePolicy: { deadLetterTargetArn: { 'Fn::GetAtt': ['OrdersDlq', 'Arn'] }, maxReceiveCount: 3 },
            Tags: [{ Key: 'team', Value: 'orders' }],
          },
        },
        OrdersDlq: { Type: 'AWS::SQS::Queue', Properties: { QueueName: 'orders-dlq.fifo', FifoQueue: true } },
      },
      scope,
    );
    expect(report.created.sort()).toEqual(['OrdersDlq', 'OrdersQueue']);
    const { QueueUrl } = await t.sqs.send(new GetQueueUrlCommand({ QueueName: 'OrdersQueue.fifo' }));
    const { Attributes } = await t.sqs.send(new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ['All'] }));
    expect(Attributes).toMatchObject({
      FifoQueue: 'true',
      ContentBasedDeduplication: 'true',
      DeduplicationScope: 'messageGroup',
      FifoThroughputLimit: 'perMessageGroupId',
    });
    expect(JSON.parse(Attributes?.RedrivePolicy ?? '{}')).toMatchObject({ maxReceiveCount: 3 });
    const { Tags } = await t.sqs.send(new ListQueueTagsCommand({ QueueUrl }));
    expect(Tags).toEqual({ team: 'orders' });
  });

  it('skips a parameter whose value needs a resource the local cloud does not create', async () => {
    const scope = { region: 'us-east-1', accountId: LOCAL_ACCOUNT_ID, refs: new Map(), attributes: new Map() };
    const report = await provisionResources(
      t,
      {
        ApiUrl: {
          Type: 'AWS::SSM::Parameter',
          Properties: {
            Name: '/platform/ptest/x/url',
            Type: 'String',
            Value: { 'Fn::Sub': 'https://${ApiGatewayRestApi}.example' },
          },
        },
        Role: { Type: 'AWS::IAM::Role', Properties: {} },
      },
      scope,
    );
    expect(report).toEqual({
      created: [],
      skipped: [{ logicalId: 'ApiUrl', reason: 'cannot resolve ApiGatewayRestApi locally' }],
    });
  });
});

describe('seeding params/<stage>.yml', () => {
  let t: TestCloud;
  let dir: string;
  beforeAll(async () => {
    t = await startTestCloud();
    dir = await mkdtemp(join(tmpdir(), 'params-'));
  });
  afterAll(async () => {
    await t.stop();
    await rm(dir, { recursive: true, force: true });
  });

  it('writes plain and SecureString values under /{prefix}/{stage}/', async () => {
    const file = join(dir, 'local.yml');
    await writeFile(
      file,
      'shared/logLevel: debug\nsvc/db/password: { type: SecureString, value: s3cret }\nsvc/limit: 5\n',
    );
    await seedParameters(t.ssm, await readParamsFile(file, 'platform', 'seedtest'));
    const { Parameters = [] } = await t.ssm.send(
      new GetParametersByPathCommand({ Path: '/platform/seedtest', Recursive: true, WithDecryption: true }),
    );
    expect(Parameters.map((p) => [p.Name, p.Type, p.Value]).sort()).toEqual([
      ['/platform/seedtest/shared/logLevel', 'String', 'debug'],
      ['/platform/seedtest/svc/db/password', 'SecureString', 's3cret'],
      ['/platform/seedtest/svc/limit', 'String', '5'],
    ]);
  });
});
