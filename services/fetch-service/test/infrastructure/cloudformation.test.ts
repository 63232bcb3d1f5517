import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from '@jest/globals';
import {
  apiEndpointProblems,
  gatewayResponseProblems,
  dlqAlarmProblems,
  functionRoles,
  alarms,
  leastPrivilegeProblems,
  monitoringProblems,
  packageStack,
  publishedParameters,
  queueProblems,
  roleStatements,
  runtimes,
  type ServerlessState,
  type Template,
} from '@platform/cfn-assertions';
import { serviceEndpointName } from '@platform/settings/conventions';

const serviceDir = fileURLToPath(new URL('../..', import.meta.url));

/** Assertions on the CloudFormation `serverless package` produces (nothing is deployed). */
describe('fetch-service CloudFormation', () => {
  let template: Template;
  let state: ServerlessState;
  beforeAll(async () => {
    ({ template, state } = await packageStack(serviceDir, 'ci'));
  }, 120_000);

  /** `action → resources` of a function's role, logs and X-Ray's trace writes (every function's) left out. */
  const grants = (fnLogicalId: string) =>
    Object.fromEntries(
      roleStatements(template, functionRoles(template).get(fnLogicalId) ?? '')
        .filter((statement) => ![statement.Action].flat().every((action) => /^(logs|xray):/.test(String(action))))
        .flatMap((statement) => [statement.Action].flat().map((action) => [String(action), statement.Resource])),
    );
  const ssmPaths = [
    { 'Fn::Sub': 'arn:aws:ssm:${AWS::Region}:${AWS::AccountId}:parameter/platform/ci/shared' },
    { 'Fn::Sub': 'arn:aws:ssm:${AWS::Region}:${AWS::AccountId}:parameter/platform/ci/fetch-service' },
  ];

  it("answers API Gateway's own errors (throttles, timeouts, unknown routes, denials) in the standard shape", () => {
    expect(gatewayResponseProblems(template)).toEqual([]);
  });

  it("publishes the API's URL where the stage suite looks for it", () => {
    expect(apiEndpointProblems(template, serviceEndpointName('fetch-service', { stage: 'ci' }), 'ci')).toEqual([]);
  });

  it('runs every function on nodejs22.x, each with its own role without wildcards', () => {
    expect(new Set(runtimes(template))).toEqual(new Set(['nodejs22.x']));
    expect(leastPrivilegeProblems(template)).toEqual([]);
    expect(functionRoles(template).size).toBe(2);
  });

  it('lets fetchCompany consume fetch-requests and send only to risk-service’s risk-updates queue', () => {
    const queue = [{ 'Fn::GetAtt': ['FetchRequestsQueue', 'Arn'] }];
    expect(grants('FetchCompanyLambdaFunction')).toEqual({
      'ssm:GetParametersByPath': ssmPaths,
      'sqs:ReceiveMessage': queue,
      'sqs:DeleteMessage': queue,
      'sqs:GetQueueAttributes': queue,
      'sqs:GetQueueUrl': { 'Fn::GetAtt': ['FetchRequestsQueue', 'Arn'] },
      'sqs:ChangeMessageVisibility': { 'Fn::GetAtt': ['FetchRequestsQueue', 'Arn'] },
      'sqs:SendMessage': { 'Fn::Sub': 'arn:aws:sqs:${AWS::Region}:${AWS::AccountId}:risk-service-ci-risk-updates' },
    });
  });

  it('lets legacySource read its settings and nothing else', () => {
    expect(grants('LegacySourceLambdaFunction')).toEqual({ 'ssm:GetParametersByPath': ssmPaths });
  });

  it('has no function that reads or writes the DLQ: ops redrive it with an SQS move task', () => {
    const functions = Object.entries(template.Resources).filter(([, r]) => r.Type === 'AWS::Lambda::Function');
    expect(functions.map(([id]) => id).sort()).toEqual(['FetchCompanyLambdaFunction', 'LegacySourceLambdaFunction']);
    const dlqGrants = [...functionRoles(template).keys()].flatMap((fn) =>
      Object.entries(grants(fn)).filter(([, resource]) => JSON.stringify(resource).includes('FetchRequestsDlq')),
    );
    expect(dlqGrants).toEqual([]);
  });

  it('names the queue as risk-service expects, with a DLQ after 5 receives, an alarm, and visibility ≥ 6 × the timeout', () => {
    expect(template.Resources.FetchRequestsQueue?.Properties?.QueueName).toBe('fetch-service-ci-fetch-requests');
    expect(queueProblems(template)).toEqual([]);
    expect(dlqAlarmProblems(template)).toEqual([]);
    expect(template.Resources.FetchRequestsDlqAlarm?.Properties?.AlarmDescription).toMatch(
      /npm run dlq -- redrive fetch-service-ci-fetch-requests-dlq --stage ci.*Start DLQ redrive/,
    );
  });

  it('alarms on both functions, the queue (age up to an hour), its DLQ and the API, notifying the stage topic', () => {
    expect(monitoringProblems(template, { topicName: 'platform-ci-alarms' })).toEqual([]);
    const thresholds = Object.fromEntries(alarms(template).map((alarm) => [alarm.id, alarm.Threshold]));
    expect(thresholds).toEqual({
      FetchCompanyErrorsAlarm: 0,
      FetchCompanyThrottlesAlarm: 0,
      FetchCompanyDurationAlarm: 48_000, // 0.8 × 60 s
      LegacySourceErrorsAlarm: 0,
      LegacySourceThrottlesAlarm: 0,
      LegacySourceDurationAlarm: 12_000,
      FetchRequestsQueueAgeAlarm: 3600, // custom.monitoring: the nightly refresh queues by design
      FetchRequestsDlqAlarm: 0,
      ApiGatewayRestApi5xxAlarm: 0.05,
    });
  });

  it('traces every function and the REST API stage with X-Ray', () => {
    expect(state.service.provider.tracing).toEqual({ lambda: true, apiGateway: true });
  });

  it('bounds fetchCompany’s event source: batch 10, partial failures, at most 2 invocations', () => {
    const mapping = Object.values(template.Resources).find((r) => r.Type === 'AWS::Lambda::EventSourceMapping');
    expect(mapping?.Properties).toMatchObject({
      BatchSize: 10,
      FunctionResponseTypes: ['ReportBatchItemFailures'],
      ScalingConfig: { MaximumConcurrency: 2 },
    });
  });

  it('publishes its queues and the legacy base URL through SSM', () => {
    expect(publishedParameters(template).sort()).toEqual(
      [
        '/platform/ci/shared/endpoints/fetch-service',
        '/platform/ci/fetch-service/legacy/baseUrl',
        '/platform/ci/shared/queues/fetchRequests/arn',
        '/platform/ci/shared/queues/fetchRequests/url',
        '/platform/ci/shared/queues/fetchRequestsDlq/arn',
        '/platform/ci/shared/queues/fetchRequestsDlq/url',
      ].sort(),
    );
  });

  it('keeps logs 30 days', () => {
    const logGroups = Object.values(template.Resources).filter((r) => r.Type === 'AWS::Logs::LogGroup');
    expect(logGroups.map((group) => group.Properties?.RetentionInDays)).toEqual([30, 30]);
  });
});
