import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from '@jest/globals';
import {
  apiEndpointProblems,
  gatewayResponseProblems,
  dlqAlarmProblems,
  functionRoles,
  alarms,
  dashboardBody,
  leastPrivilegeProblems,
  monitoringProblems,
  packageStack,
  publishedParameters,
  queueProblems,
  roleActions,
  runtimes,
  type ServerlessState,
  type Template,
} from '@platform/cfn-assertions';
import { serviceEndpointName } from '@platform/settings/conventions';

const serviceDir = fileURLToPath(new URL('../..', import.meta.url));

/** Assertions on the CloudFormation `serverless package` produces (nothing is deployed). */
describe('risk-service CloudFormation', () => {
  let template: Template;
  let state: ServerlessState;
  beforeAll(async () => {
    ({ template, state } = await packageStack(serviceDir, 'ci'));
  }, 120_000);

  const actionsOf = (fnLogicalId: string) => roleActions(template, functionRoles(template).get(fnLogicalId) ?? '');

  it("answers API Gateway's own errors (throttles, timeouts, unknown routes, denials) in the standard shape", () => {
    expect(gatewayResponseProblems(template)).toEqual([]);
  });

  it("publishes the API's URL where the stage suite looks for it", () => {
    expect(apiEndpointProblems(template, serviceEndpointName('risk-service', { stage: 'ci' }), 'ci')).toEqual([]);
  });

  it('runs every function on nodejs22.x', () => {
    expect(new Set(runtimes(template))).toEqual(new Set(['nodejs22.x']));
  });

  it('gives each function its own role without wildcards', () => {
    expect(leastPrivilegeProblems(template)).toEqual([]);
    expect(functionRoles(template).size).toBe(4);
  });

  it('grants each function only the actions it uses', () => {
    // Logs and X-Ray's trace writes: every function has them (see the tracing test).
    const withoutLogs = (actions: string[]) =>
      actions.filter((a) => !a.startsWith('logs:') && !a.startsWith('xray:')).sort();
    expect(withoutLogs(actionsOf('GetCompanyRiskLambdaFunction'))).toEqual(
      ['dynamodb:GetItem', 'dynamodb:UpdateItem', 'sqs:SendMessage', 'ssm:GetParametersByPath'].sort(),
    );
    expect(withoutLogs(actionsOf('RequestRefreshLambdaFunction'))).toEqual(
      ['dynamodb:UpdateItem', 'sqs:SendMessage', 'ssm:GetParametersByPath'].sort(),
    );
    expect(withoutLogs(actionsOf('ApplyRiskUpdateLambdaFunction'))).toEqual(
      expect.arrayContaining([
        'dynamodb:GetItem',
        'dynamodb:PutItem',
        'ssm:GetParametersByPath',
        'sqs:ReceiveMessage',
        'sqs:DeleteMessage',
      ]),
    );
    expect(withoutLogs(actionsOf('ApplyRiskUpdateLambdaFunction'))).not.toContain('sqs:SendMessage');
    expect(withoutLogs(actionsOf('ScheduleRefreshLambdaFunction'))).toEqual(
      ['dynamodb:Scan', 'sqs:SendMessage', 'ssm:GetParametersByPath'].sort(),
    );
  });

  it('has DLQs with maxReceiveCount 5, an alarm on each, and visibility ≥ 6 × the consumer timeout', () => {
    expect(queueProblems(template)).toEqual([]);
    expect(dlqAlarmProblems(template)).toEqual([]);
  });

  it('alarms on every function, the queue, its DLQ and the API, notifying the stage topic, with a dashboard', () => {
    expect(monitoringProblems(template, { topicName: 'platform-ci-alarms' })).toEqual([]);
    const thresholds = Object.fromEntries(alarms(template).map((alarm) => [alarm.id, alarm.Threshold]));
    expect(thresholds).toEqual({
      GetCompanyRiskErrorsAlarm: 0,
      GetCompanyRiskThrottlesAlarm: 0,
      GetCompanyRiskDurationAlarm: 8000,
      RequestRefreshErrorsAlarm: 0,
      RequestRefreshThrottlesAlarm: 0,
      RequestRefreshDurationAlarm: 8000,
      ApplyRiskUpdateErrorsAlarm: 0,
      ApplyRiskUpdateThrottlesAlarm: 0,
      ApplyRiskUpdateDurationAlarm: 8000,
      ScheduleRefreshErrorsAlarm: 0,
      ScheduleRefreshThrottlesAlarm: 0,
      ScheduleRefreshDurationAlarm: 720_000, // 0.8 × 900 s
      RiskUpdatesQueueAgeAlarm: 600,
      RiskUpdatesDlqAlarm: 0,
      ApiGatewayRestApi5xxAlarm: 0.05,
    });
    expect(template.Resources.RiskUpdatesDlqAlarm?.Properties?.AlarmName).toBe(
      'risk-service-ci-risk-updates-dlq-not-empty',
    );
    expect(template.Resources.MonitoringDashboard?.Properties?.DashboardName).toBe('risk-service-ci');
    expect(JSON.stringify(dashboardBody(template))).toContain('risk-service-ci-risk-updates');
    // auth-service owns the stage's topic.
    expect(Object.values(template.Resources).filter((r) => r.Type.startsWith('AWS::SNS::'))).toEqual([]);
  });

  it('traces every function and the REST API stage with X-Ray', () => {
    expect(state.service.provider.tracing).toEqual({ lambda: true, apiGateway: true });
  });

  it('keeps the table on demand with point-in-time recovery', () => {
    const table = template.Resources.RiskTable?.Properties ?? {};
    expect(table.BillingMode).toBe('PAY_PER_REQUEST');
    expect(table.PointInTimeRecoverySpecification).toEqual({ PointInTimeRecoveryEnabled: true });
  });

  it('publishes its table and queue through SSM for the settings and for fetch-service', () => {
    expect(publishedParameters(template).sort()).toEqual(
      [
        '/platform/ci/shared/endpoints/risk-service',
        '/platform/ci/risk-service/riskTable/name',
        '/platform/ci/shared/queues/riskUpdates/arn',
        '/platform/ci/shared/queues/riskUpdates/url',
      ].sort(),
    );
  });

  it('runs on nodejs22.x, the runtime whose Node needs --experimental-async-context-frame (Node 24 has it on by default)', () => {
    // tools/serverless/platform.yml sets the flag for every stage but local: moving to another
    // runtime means revisiting it (Node 20 refuses it; Node 24 uses async context frames anyway).
    expect(state.service.provider.runtime).toBe('nodejs22.x');
  });

  it('passes only stage, service, settings prefix and the Node options (tools/serverless/platform.yml) in the environment', () => {
    const fns = Object.values(template.Resources).filter((r) => r.Type === 'AWS::Lambda::Function');
    for (const fn of fns) {
      const variables = (fn.Properties?.Environment as { Variables: Record<string, unknown> }).Variables;
      expect(Object.keys(variables).sort()).toEqual(['NODE_OPTIONS', 'SERVICE_NAME', 'SETTINGS_PREFIX', 'STAGE']);
      expect(variables.NODE_OPTIONS).toBe('--experimental-async-context-frame');
    }
  });

  it('sets log retention on every function log group', () => {
    const groups = Object.values(template.Resources).filter((r) => r.Type === 'AWS::Logs::LogGroup');
    expect(groups.length).toBe(4);
    for (const group of groups) expect(group.Properties?.RetentionInDays).toBe(30);
  });
});
