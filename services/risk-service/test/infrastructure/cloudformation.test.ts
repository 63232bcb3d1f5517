import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from '@jest/globals';
import {
  gatewayResponseProblems,
  dlqAlarmProblems,
  functionRoles,
  leastPrivilegeProblems,
  packageService,
  publishedParameters,
  queueProblems,
  roleActions,
  runtimes,
  type Template,
} from '@platform/cfn-assertions';

const serviceDir = fileURLToPath(new URL('../..', import.meta.url));

/** Assertions on the CloudFormation `serverless package` produces (nothing is deployed). */
describe('risk-service CloudFormation', () => {
  let template: Template;
  beforeAll(async () => {
    template = await packageService(serviceDir, 'ci');
  }, 120_000);

  const actionsOf = (fnLogicalId: string) => roleActions(template, functionRoles(template).get(fnLogicalId) ?? '');

  it("answers API Gateway's own errors (throttles, timeouts, unknown routes, denials) in the standard shape", () => {
    expect(gatewayResponseProblems(template)).toEqual([]);
  });

  it('runs every function on nodejs22.x', () => {
    expect(new Set(runtimes(template))).toEqual(new Set(['nodejs22.x']));
  });

  it('gives each function its own role without wildcards', () => {
    expect(leastPrivilegeProblems(template)).toEqual([]);
    expect(functionRoles(template).size).toBe(4);
  });

  it('grants each function only the actions it uses', () => {
    const withoutLogs = (actions: string[]) => actions.filter((a) => !a.startsWith('logs:')).sort();
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

  it('keeps the table on demand with point-in-time recovery', () => {
    const table = template.Resources.RiskTable?.Properties ?? {};
    expect(table.BillingMode).toBe('PAY_PER_REQUEST');
    expect(table.PointInTimeRecoverySpecification).toEqual({ PointInTimeRecoveryEnabled: true });
  });

  it('publishes its table and queue through SSM for the settings and for fetch-service', () => {
    expect(publishedParameters(template).sort()).toEqual(
      [
        '/platform/ci/risk-service/riskTable/name',
        '/platform/ci/shared/queues/riskUpdates/arn',
        '/platform/ci/shared/queues/riskUpdates/url',
      ].sort(),
    );
  });

  it('passes only stage, service and settings prefix in the environment', () => {
    const fns = Object.values(template.Resources).filter((r) => r.Type === 'AWS::Lambda::Function');
    for (const fn of fns) {
      const variables = Object.keys((fn.Properties?.Environment as { Variables: object }).Variables).sort();
      expect(variables).toEqual(['NODE_OPTIONS', 'SERVICE_NAME', 'SETTINGS_PREFIX', 'STAGE']);
    }
  });

  it('sets log retention on every function log group', () => {
    const groups = Object.values(template.Resources).filter((r) => r.Type === 'AWS::Logs::LogGroup');
    expect(groups.length).toBe(4);
    for (const group of groups) expect(group.Properties?.RetentionInDays).toBe(30);
  });
});
