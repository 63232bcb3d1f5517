import type { Tree } from '@nx/devkit';
import { beforeEach, describe, expect, it } from '@jest/globals';
import { functionGenerator } from '../../src/generators/function/function.js';
import { serviceGenerator } from '../../src/generators/service/service.js';
import { platformTree, readYaml, repoFile } from './fixtures/workspace.js';

type Resource = { Type: string; Properties: Record<string, unknown> };
interface Serverless {
  plugins?: string[];
  functions: Record<string, Record<string, unknown>>;
  /** A list of parts once the shared Gateway Responses are included (Serverless merges them). */
  resources?: { Resources: Record<string, Resource> } | Array<string | { Resources?: Record<string, Resource> }>;
}

/** The service's own CloudFormation resources, whichever form `resources` has. */
const resourcesOf = (yml: Serverless): Record<string, Resource> => {
  const parts = Array.isArray(yml.resources) ? yml.resources : [yml.resources];
  return Object.assign({}, ...parts.map((part) => (typeof part === 'object' ? (part?.Resources ?? {}) : {})));
};

const SERVICE = 'billing-service';
const YML = `services/${SERVICE}/serverless.yml`;

describe('functionGenerator', () => {
  let tree: Tree;
  beforeEach(async () => {
    tree = platformTree();
    await serviceGenerator(tree, { name: SERVICE, team: 'billing', skipInstall: true, skipFormat: true });
  });

  it('adds an http function: handler on the http adapter, use case, tests, serverless.yml event', async () => {
    await functionGenerator(tree, { name: 'create-invoice', project: SERVICE, type: 'http', method: 'post' });

    const root = `services/${SERVICE}`;
    expect(tree.read(`${root}/src/functions/create-invoice/handler.ts`, 'utf-8')).toContain("from '@platform/lambda'");
    expect(tree.read(`${root}/src/functions/create-invoice/handler.ts`, 'utf-8')).toContain('http(');
    expect(tree.read(`${root}/src/core/create-invoice.ts`, 'utf-8')).toContain('export const createInvoice = async');
    expect(tree.exists(`${root}/test/unit/create-invoice.test.ts`)).toBe(true);
    expect(tree.read(`${root}/test/integration/create-invoice.handler.test.ts`, 'utf-8')).toContain(
      "httpMethod: 'POST'",
    );
    expect(readYaml<Serverless>(tree, YML).functions.createInvoice).toEqual({
      handler: 'src/functions/create-invoice/handler.handler',
      timeout: 10,
      events: [{ http: { path: 'billing/create-invoice', method: 'post' } }],
      iamRoleStatements: ['${self:custom.readSettings}'],
    });
  });

  it("includes the shared Gateway Responses and endpoint parameter once http functions exist, keeping the service's own resources", async () => {
    await functionGenerator(tree, { name: 'process-order', project: SERVICE, type: 'sqs' });
    await functionGenerator(tree, { name: 'get-invoice', project: SERVICE, type: 'http' });
    await functionGenerator(tree, { name: 'list-invoices', project: SERVICE, type: 'http' });
    await functionGenerator(tree, { name: 'process-refund', project: SERVICE, type: 'sqs' });

    const resources = readYaml<{ resources: unknown[] }>(tree, YML).resources;
    expect(resources.slice(0, 2)).toEqual([
      '${file(../../tools/serverless/gateway-responses.yml)}',
      '${file(../../tools/serverless/api-endpoint.yml)}',
    ]);
    expect(resources).toHaveLength(3);
    expect(Object.keys((resources[2] as { Resources: Record<string, unknown> }).Resources)).toEqual(
      expect.arrayContaining(['ProcessOrderQueue', 'ProcessOrderDlq', 'ProcessRefundQueue', 'ProcessRefundDlq']),
    );
    expect(repoFile('tools/serverless/gateway-responses.yml')).toContain('AWS::ApiGateway::GatewayResponse');
    expect(repoFile('tools/serverless/api-endpoint.yml')).toContain('AWS::SSM::Parameter');
  });

  it('adds the throttling plugin and stage-wide figures to a service with none, once', async () => {
    // A service generated before throttling existed.
    tree.write(
      YML,
      [
        `service: ${SERVICE}`,
        'plugins:',
        '  - serverless-esbuild',
        'params:',
        '  default:',
        '    settingsPrefix: platform',
        'provider:',
        '  name: aws',
        'custom:',
        '  serverless-offline:',
        '    httpPort: 3004',
        '',
      ].join('\n'),
    );

    await functionGenerator(tree, { name: 'get-invoice', project: SERVICE, type: 'http' });
    await functionGenerator(tree, { name: 'list-invoices', project: SERVICE, type: 'http' });

    const text = tree.read(YML, 'utf-8') ?? '';
    const yml = readYaml<{ plugins: string[]; params: { default: unknown }; custom: Record<string, unknown> }>(
      tree,
      YML,
    );
    // Both once, though two functions were added: the throttling plugin, and the monitoring one (alarms).
    expect(yml.plugins).toEqual([
      'serverless-esbuild',
      'serverless-api-gateway-throttling',
      '../../tools/serverless/monitoring-plugin.cjs',
    ]);
    expect(yml.params.default).toEqual({ settingsPrefix: 'platform', throttleRate: 50, throttleBurst: 100 });
    expect(Object.keys(yml.custom)).toEqual(['apiGatewayThrottling', 'serverless-offline']);
    expect(yml.custom.apiGatewayThrottling).toEqual({
      maxRequestsPerSecond: '${param:throttleRate}',
      maxConcurrentRequests: '${param:throttleBurst}',
    });
    expect(text.match(/apiGatewayThrottling:/g)).toHaveLength(1);
  });

  it("gives a service without custom.readSettings the platform's settings statement", async () => {
    // A hand-written service that does not include the platform's readSettings.
    tree.write(YML, [`service: ${SERVICE}`, 'provider:', '  name: aws', ''].join('\n'));

    await functionGenerator(tree, { name: 'process-order', project: SERVICE, type: 'sqs' });

    const statements = readYaml<Serverless>(tree, YML).functions.processOrder?.iamRoleStatements as unknown[];
    expect(statements[0]).toBe('${file(../../tools/serverless/platform.yml):readSettings}');
    expect(repoFile('tools/serverless/platform.yml')).toContain(
      'parameter/${param:settingsPrefix}/${sls:stage}/${self:service}',
    );
  });

  it("keeps a service's own throttling figures when adding an http function", async () => {
    const before = readYaml<{ params: unknown; custom: { apiGatewayThrottling: unknown } }>(
      tree,
      'services/auth-service/serverless.yml',
    );

    await functionGenerator(tree, { name: 'whoami', project: 'auth-service', type: 'http' });

    const after = readYaml<{ params: unknown; custom: { apiGatewayThrottling: unknown } }>(
      tree,
      'services/auth-service/serverless.yml',
    );
    expect(after.params).toEqual(before.params);
    expect(after.custom.apiGatewayThrottling).toEqual(before.custom.apiGatewayThrottling);
  });

  it('uses the given http path without its leading slash', async () => {
    await functionGenerator(tree, { name: 'get-invoice', project: SERVICE, type: 'http', path: '/invoices/{id}' });

    expect(readYaml<Serverless>(tree, YML).functions.getInvoice?.events).toEqual([
      { http: { path: 'invoices/{id}', method: 'get' } },
    ]);
  });

  it('adds an sqs function with its own queue, DLQ (5 receives), alarm and least-privilege statements', async () => {
    await functionGenerator(tree, { name: 'process-order', project: SERVICE, type: 'sqs', timeout: 20 });

    const yml = readYaml<Serverless>(tree, YML);
    const fn = yml.functions.processOrder;
    expect(fn).toMatchObject({ handler: 'src/functions/process-order/handler.handler', timeout: 20 });
    expect(fn?.events).toEqual([
      {
        sqs: {
          arn: { 'Fn::GetAtt': ['ProcessOrderQueue', 'Arn'] },
          batchSize: 10,
          maximumBatchingWindow: 1,
          functionResponseType: 'ReportBatchItemFailures',
        },
      },
    ]);
    expect(fn?.iamRoleStatements).toEqual([
      '${self:custom.readSettings}',
      {
        Effect: 'Allow',
        Action: ['sqs:GetQueueUrl', 'sqs:ChangeMessageVisibility'],
        Resource: { 'Fn::GetAtt': ['ProcessOrderQueue', 'Arn'] },
      },
    ]);
    const resources = resourcesOf(yml);
    expect(resources.ProcessOrderQueue?.Properties).toMatchObject({
      QueueName: '${self:service}-${sls:stage}-process-order',
      VisibilityTimeout: 120,
      RedrivePolicy: { deadLetterTargetArn: { 'Fn::GetAtt': ['ProcessOrderDlq', 'Arn'] }, maxReceiveCount: 5 },
    });
    expect(resources.ProcessOrderDlq?.Type).toBe('AWS::SQS::Queue');
    // Its alarms (age, DLQ not empty) come from the monitoring plugin at package time.
    expect(Object.values(resources).filter((r) => r.Type === 'AWS::CloudWatch::Alarm')).toEqual([]);
    expect(yml.plugins).toContain('../../tools/serverless/monitoring-plugin.cjs');
    expect(tree.read(`services/${SERVICE}/src/functions/process-order/handler.ts`, 'utf-8')).toContain('sqs(');
  });

  it('adds a schedule function, daily unless a rate is given', async () => {
    await functionGenerator(tree, { name: 'daily-report', project: SERVICE, type: 'schedule' });
    await functionGenerator(tree, { name: 'hourly-sync', project: SERVICE, type: 'schedule', rate: 'rate(1 hour)' });

    const yml = readYaml<Serverless>(tree, YML);
    expect(yml.functions.dailyReport?.events).toEqual([{ schedule: 'rate(1 day)' }]);
    expect(yml.functions.hourlySync?.events).toEqual([{ schedule: 'rate(1 hour)' }]);
    expect(tree.read(`services/${SERVICE}/src/functions/daily-report/handler.ts`, 'utf-8')).toContain('schedule(');
  });

  it('keeps the comments, order and tags of an existing serverless.yml', async () => {
    const original = repoFile('services/risk-service/serverless.yml');

    await functionGenerator(tree, { name: 'audit-risk', project: 'risk-service', type: 'sqs', skipFormat: true });

    const edited = tree.read('services/risk-service/serverless.yml', 'utf-8') ?? '';
    const comments = (text: string) => text.split('\n').filter((line) => line.trim().startsWith('#'));
    expect(comments(edited)).toEqual(expect.arrayContaining(comments(original)));
    expect(edited).toContain('VisibilityTimeout: 60 # ≥ 6 × applyRiskUpdate');
    expect(edited).toContain('Resource: !GetAtt RiskTable.Arn');
    const yml = readYaml<Serverless>(tree, 'services/risk-service/serverless.yml');
    expect(Object.keys(yml.functions)).toEqual([
      'getCompanyRisk',
      'requestRefresh',
      'applyRiskUpdate',
      'scheduleRefresh',
      'auditRisk',
    ]);
    expect(Object.keys(resourcesOf(yml))).toEqual(
      expect.arrayContaining(['RiskTable', 'RiskUpdatesQueue', 'AuditRiskQueue', 'AuditRiskDlq']),
    );
    expect(yml.plugins?.filter((plugin) => plugin.includes('monitoring-plugin'))).toHaveLength(1);
    expect(tree.exists('services/risk-service/test/fixtures/local-settings.ts')).toBe(true);
  });

  it('writes prettier-formatted YAML', async () => {
    await functionGenerator(tree, { name: 'process-order', project: SERVICE, type: 'sqs' });

    const text = tree.read(YML, 'utf-8') ?? '';
    expect(text).toContain('deadLetterTargetArn: !GetAtt ProcessOrderDlq.Arn');
    expect(text).toContain('Action: [sqs:GetQueueUrl, sqs:ChangeMessageVisibility]');
    expect(text).toContain(
      '\nresources:\n  - ${file(../../tools/serverless/gateway-responses.yml)}\n  - ${file(../../tools/serverless/api-endpoint.yml)}\n  - Resources:\n',
    );
  });

  it('refuses a function the service already has', async () => {
    await expect(functionGenerator(tree, { name: 'hello', project: SERVICE, type: 'http' })).rejects.toThrow(
      'already exists',
    );
    await expect(
      functionGenerator(tree, { name: 'apply-risk-update', project: 'risk-service', type: 'sqs' }),
    ).rejects.toThrow('serverless.yml already has a function "applyRiskUpdate"');
  });

  it('refuses a name whose Lambda would exceed 64 characters with a 10-character stage', async () => {
    const name = 'reconcile-every-outstanding-invoice-batches-now'; // billing-service-<stage>-reconcileEvery… = 69

    await expect(functionGenerator(tree, { name, project: SERVICE, type: 'http' })).rejects.toThrow(
      /would be 69 characters .* AWS allows 64/,
    );
    expect(tree.exists(`services/${SERVICE}/src/functions/${name}`)).toBe(false);
  });

  it('refuses an unknown service, naming the file it looked for', async () => {
    await expect(functionGenerator(tree, { name: 'x', project: 'nope-service', type: 'http' })).rejects.toThrow(
      'No service "nope-service": services/nope-service/serverless.yml does not exist.',
    );
  });

  it.each([
    [{ name: 'Bad_Name', type: 'http' }, /not kebab-case/],
    [{ name: 'x', type: 'kafka' }, /--type must be one of http, sqs, schedule/],
    [{ name: 'x', type: 'schedule', rate: 'every day' }, /--rate "every day"/],
    [{ name: 'x', type: 'http', timeout: 60 }, /above API Gateway's 29 s/],
    [{ name: 'x', type: 'sqs', timeout: 0 }, /--timeout must be a whole number/],
    [{ name: 'x', type: 'http', method: 'head' }, /--method must be one of/],
  ])('refuses invalid options %j', async (options, error) => {
    const before = tree.read(YML, 'utf-8');

    await expect(functionGenerator(tree, { project: SERVICE, ...options } as never)).rejects.toThrow(error);
    expect(tree.read(YML, 'utf-8')).toBe(before);
  });
});
