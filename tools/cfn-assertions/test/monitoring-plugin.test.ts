import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from '@jest/globals';
import { alarms, dashboardBody, leastPrivilegeProblems, monitoringProblems, type Template } from '../src/index.js';

/** tools/serverless/monitoring.cjs and the plugin around it (CommonJS: Serverless require()s them). */
interface MonitoringOptions {
  service: string;
  stage: string;
  topicName: string;
  ownsTopic?: boolean;
  alarmEmailParameter?: string;
  providerTimeout?: number;
  functions?: Record<string, unknown>;
  queues?: Record<string, unknown>;
  api?: unknown;
}
// Loaded by path, as Serverless loads it (`plugins: - ../../tools/serverless/monitoring-plugin.cjs`):
// tools/serverless is a directory of serverless.yml fragments, not a package.
const load = (file: string): unknown =>
  createRequire(import.meta.url)(fileURLToPath(new URL(`../../serverless/${file}`, import.meta.url)));
const { addMonitoring } = load('monitoring.cjs') as {
  addMonitoring: (template: Template, options: MonitoringOptions) => string[];
};
const MonitoringPlugin = load('monitoring-plugin.cjs') as new (
  serverless: unknown,
  options: unknown,
  utils: unknown,
) => { hooks: Record<string, () => void> };

const role = () => ({
  Type: 'AWS::IAM::Role',
  Properties: {
    Policies: [
      { PolicyDocument: { Statement: [{ Effect: 'Allow', Action: ['logs:PutLogEvents'], Resource: 'arn:log' }] } },
    ],
  },
});
const fn = (name: string, properties: Record<string, unknown> = {}) => ({
  Type: 'AWS::Lambda::Function',
  Properties: {
    FunctionName: `billing-service-dev-${name}`,
    Role: { 'Fn::GetAtt': [`${name}Role`, 'Arn'] },
    TracingConfig: { Mode: 'Active' },
    ...properties,
  },
});
const queue = (name: string, dlq?: string) => ({
  Type: 'AWS::SQS::Queue',
  Properties: {
    QueueName: `billing-service-dev-${name}`,
    ...(dlq ? { RedrivePolicy: { deadLetterTargetArn: { 'Fn::GetAtt': [dlq, 'Arn'] }, maxReceiveCount: 5 } } : {}),
  },
});

/** A small stack: an http function (10 s), a consumer without Timeout, its queue and DLQ, the REST API. */
const stack = (): Template => ({
  Resources: {
    HelloLambdaFunction: fn('hello', { Timeout: 10 }),
    helloRole: role(),
    ConsumeLambdaFunction: fn('consume'),
    consumeRole: role(),
    OrdersDlq: queue('orders-dlq'),
    OrdersQueue: queue('orders', 'OrdersDlq'),
    ApiGatewayRestApi: { Type: 'AWS::ApiGateway::RestApi', Properties: { Name: 'dev-billing-service' } },
  },
});
const OPTIONS = { service: 'billing-service', stage: 'dev', topicName: 'platform-dev-alarms' };
const TOPIC_ARN = { 'Fn::Sub': 'arn:${AWS::Partition}:sns:${AWS::Region}:${AWS::AccountId}:platform-dev-alarms' };
const byMetric = (template: Template, metric: string) => alarms(template).filter((a) => a.MetricName === metric);

describe('Function: addMonitoring', () => {
  it('gives every function Errors, Throttles and Duration p99 alarms at 80 % of its timeout', () => {
    const template = stack();

    addMonitoring(template, { ...OPTIONS, providerTimeout: 6 });

    expect(byMetric(template, 'Errors').map((a) => [a.id, a.Threshold, a.Statistic])).toEqual([
      ['HelloErrorsAlarm', 0, 'Sum'],
      ['ConsumeErrorsAlarm', 0, 'Sum'],
    ]);
    expect(byMetric(template, 'Throttles')).toHaveLength(2);
    // consume has no Timeout: the provider's (6 s) applies.
    expect(byMetric(template, 'Duration').map((a) => [a.id, a.ExtendedStatistic, a.Threshold])).toEqual([
      ['HelloDurationAlarm', 'p99', 8000],
      ['ConsumeDurationAlarm', 'p99', 4800],
    ]);
    expect(template.Resources.HelloErrorsAlarm?.Properties?.Dimensions).toEqual([
      { Name: 'FunctionName', Value: { Ref: 'HelloLambdaFunction' } },
    ]);
  });

  it("falls back to Lambda's 3 s default without a function or provider timeout", () => {
    const template = stack();

    addMonitoring(template, OPTIONS);

    expect(template.Resources.ConsumeDurationAlarm?.Properties?.Threshold).toBe(2400);
  });

  it('watches the age of a queue and whether its DLQ is empty, telling how to redrive it', () => {
    const template = stack();

    addMonitoring(template, OPTIONS);

    expect(template.Resources.OrdersQueueAgeAlarm?.Properties).toMatchObject({
      MetricName: 'ApproximateAgeOfOldestMessage',
      Dimensions: [{ Name: 'QueueName', Value: { 'Fn::GetAtt': ['OrdersQueue', 'QueueName'] } }],
      Threshold: 600,
    });
    expect(template.Resources.OrdersDlqAlarm?.Properties).toMatchObject({
      AlarmName: 'billing-service-dev-orders-dlq-not-empty',
      MetricName: 'ApproximateNumberOfMessagesVisible',
      Statistic: 'Maximum',
      Threshold: 0,
      ComparisonOperator: 'GreaterThanThreshold',
    });
    expect(template.Resources.OrdersDlqAlarm?.Properties?.AlarmDescription).toMatch(
      /failed 5 times .*npm run dlq -- redrive billing-service-dev-orders-dlq --stage dev.*Start DLQ redrive/,
    );
    expect(template.Resources.OrdersDlqAgeAlarm).toBeUndefined();
  });

  it("alarms on the API's 5xx rate: the Average of 5XXError by API name and stage", () => {
    const template = stack();

    addMonitoring(template, OPTIONS);

    expect(template.Resources.ApiGatewayRestApi5xxAlarm?.Properties).toMatchObject({
      Namespace: 'AWS/ApiGateway',
      MetricName: '5XXError',
      Dimensions: [
        { Name: 'ApiName', Value: 'dev-billing-service' },
        { Name: 'Stage', Value: 'dev' },
      ],
      Statistic: 'Average',
      Threshold: 0.05,
    });
  });

  it('notifies the stage topic by ARN from every alarm, on alarm and on recovery', () => {
    const template = stack();

    addMonitoring(template, OPTIONS);

    expect(alarms(template)).toHaveLength(9);
    for (const alarm of alarms(template)) {
      expect(alarm).toMatchObject({ AlarmActions: [TOPIC_ARN], OKActions: [TOPIC_ARN] });
    }
    expect(Object.values(template.Resources).some((r) => r.Type === 'AWS::SNS::Topic')).toBe(false);
  });

  it('creates the topic, its policy and the email subscription from Parameter Store in the owning stack', () => {
    const template = stack();

    addMonitoring(template, {
      ...OPTIONS,
      ownsTopic: true,
      alarmEmailParameter: '/platform/dev/monitoring/alarmEmail',
    });

    expect(template.Resources.AlarmTopic).toEqual({
      Type: 'AWS::SNS::Topic',
      Properties: { TopicName: 'platform-dev-alarms' },
    });
    expect(template.Resources.AlarmTopicPolicy?.Properties).toMatchObject({
      PolicyDocument: { Statement: [{ Principal: { Service: 'cloudwatch.amazonaws.com' }, Action: 'sns:Publish' }] },
    });
    expect(template.Resources.AlarmTopicEmailSubscription?.Properties).toEqual({
      TopicArn: { Ref: 'AlarmTopic' },
      Protocol: 'email',
      Endpoint: '{{resolve:ssm:/platform/dev/monitoring/alarmEmail}}',
    });
    for (const alarm of alarms(template)) expect(alarm.AlarmActions).toEqual([{ Ref: 'AlarmTopic' }]);
  });

  it('draws one dashboard: functions, queues, the API, the EMF metrics and the alarms', () => {
    const template = stack();

    addMonitoring(template, OPTIONS);

    expect(template.Resources.MonitoringDashboard?.Properties?.DashboardName).toBe('billing-service-dev');
    const body = dashboardBody(template);
    const titles = body?.widgets.map((widget) => (widget.properties as { title: string }).title);
    expect(titles).toEqual([
      'Alarms',
      'Invocations',
      'Errors and throttles',
      'Duration p99 (ms)',
      'Queue depth (visible messages)',
      'Age of the oldest message (s)',
      'API 5xx rate',
      'API requests',
      'Platform metrics (EMF)',
    ]);
    const text = JSON.stringify(body);
    expect(text).toContain('"billing-service-dev-hello"');
    expect(text).toContain('"billing-service-dev-consume"');
    expect(text).toContain(`{Platform,function,service,stage} service=\\"billing-service\\" stage=\\"dev\\"`);
  });

  it('leaves out what a service does not have: no API, no queues', () => {
    const template: Template = { Resources: { HelloLambdaFunction: fn('hello', { Timeout: 10 }), helloRole: role() } };

    addMonitoring(template, OPTIONS);

    expect(alarms(template).map((a) => a.id)).toEqual([
      'HelloErrorsAlarm',
      'HelloThrottlesAlarm',
      'HelloDurationAlarm',
    ]);
    const titles = dashboardBody(template)?.widgets.map((widget) => (widget.properties as { title: string }).title);
    expect(titles).toEqual([
      'Alarms',
      'Invocations',
      'Errors and throttles',
      'Duration p99 (ms)',
      'Platform metrics (EMF)',
    ]);
    expect(monitoringProblems(template, { topicName: 'platform-dev-alarms' })).toEqual([]);
  });

  it('takes thresholds and opt-outs per function, queue and API', () => {
    const template = stack();

    addMonitoring(template, {
      ...OPTIONS,
      functions: {
        HelloLambdaFunction: { throttles: false, errors: 5, durationRatio: 0.5 },
        ConsumeLambdaFunction: false,
      },
      queues: { OrdersQueue: { ageSeconds: 3600 } },
      api: false,
    });

    expect(alarms(template).map((a) => [a.id, a.Threshold])).toEqual([
      ['HelloErrorsAlarm', 5],
      ['HelloDurationAlarm', 5000],
      ['OrdersDlqAlarm', 0],
      ['OrdersQueueAgeAlarm', 3600],
    ]);
  });

  it('gives every traced function’s role the X-Ray statement, once', () => {
    const template = stack();
    const xray = { Effect: 'Allow', Action: ['xray:PutTraceSegments', 'xray:PutTelemetryRecords'], Resource: '*' };
    const statements = (roleId: string) =>
      (template.Resources[roleId]?.Properties?.Policies as Array<{ PolicyDocument: { Statement: unknown[] } }>)[0]
        ?.PolicyDocument.Statement ?? [];
    // Serverless' own shared role already has it when tracing is on.
    statements('consumeRole').push(xray);

    addMonitoring(template, OPTIONS);

    expect(statements('helloRole')).toContainEqual(xray);
    expect(statements('consumeRole').filter((statement) => JSON.stringify(statement).includes('xray'))).toHaveLength(1);
    expect(leastPrivilegeProblems(template)).toEqual([]);
    expect(monitoringProblems(template, { topicName: 'platform-dev-alarms' })).toEqual([]);
  });

  it('refuses an alarm written by hand under an id it generates', () => {
    const template = stack();
    template.Resources.OrdersDlqAlarm = { Type: 'AWS::CloudWatch::Alarm', Properties: {} };

    expect(() => addMonitoring(template, OPTIONS)).toThrow(/OrdersDlqAlarm already in the template/);
  });
});

describe('Class: MonitoringPlugin', () => {
  const serverless = (custom: Record<string, unknown>) => {
    const template = stack();
    return {
      template,
      serverless: {
        service: {
          service: 'billing-service',
          custom: { monitoring: custom },
          provider: {
            timeout: 6,
            environment: { SETTINGS_PREFIX: 'platform' },
            compiledCloudFormationTemplate: template,
          },
          getAllFunctions: () => ['hello', 'consume'],
        },
        getProvider: () => ({
          getStage: () => 'dev',
          naming: { getLambdaLogicalId: (key: string) => `${key[0]?.toUpperCase()}${key.slice(1)}LambdaFunction` },
        }),
        configSchemaHandler: { defineCustomProperties: () => undefined },
      },
    };
  };
  const run = (custom: Record<string, unknown>) => {
    const { serverless: sls, template } = serverless(custom);
    const plugin = new MonitoringPlugin(sls, {}, { log: { info: () => undefined } });
    plugin.hooks['after:aws:package:finalize:mergeCustomProviderResources']?.();
    return template;
  };

  it('runs after serverless.yml’s resources are merged into the template', () => {
    const template = run({});

    expect(template.Resources.OrdersQueueAgeAlarm).toBeDefined();
    // consume has no Timeout: the provider's 6 s.
    expect(template.Resources.ConsumeDurationAlarm?.Properties?.Threshold).toBe(4800);
  });

  it('maps function keys to logical ids and names the topic and its parameter after the prefix and stage', () => {
    const template = run({
      alarmTopic: { owner: true, subscribeEmail: true },
      functions: { hello: { errors: 2 } },
    });

    expect(template.Resources.HelloErrorsAlarm?.Properties?.Threshold).toBe(2);
    expect(template.Resources.AlarmTopic?.Properties?.TopicName).toBe('platform-dev-alarms');
    expect(template.Resources.AlarmTopicEmailSubscription?.Properties?.Endpoint).toBe(
      '{{resolve:ssm:/platform/dev/monitoring/alarmEmail}}',
    );
  });

  it('subscribes no address unless asked to', () => {
    expect(
      run({ alarmTopic: { owner: true, subscribeEmail: false } }).Resources.AlarmTopicEmailSubscription,
    ).toBeUndefined();
  });

  it('refuses settings for a function or queue the service does not have', () => {
    expect(() => run({ functions: { helo: false } })).toThrow('custom.monitoring.functions.helo');
    expect(() => run({ queues: { Orders: false } })).toThrow('custom.monitoring.queues.Orders');
  });
});

describe('Function: monitoringProblems', () => {
  it('reports missing alarms, a wrong Duration threshold, other topics, no dashboard and no tracing', () => {
    const template = stack();
    addMonitoring(template, OPTIONS);
    delete template.Resources.HelloThrottlesAlarm;
    delete template.Resources.OrdersDlqAlarm;
    delete template.Resources.MonitoringDashboard;
    (template.Resources.ConsumeDurationAlarm!.Properties as Record<string, unknown>).Threshold = 1;
    (template.Resources.OrdersQueueAgeAlarm!.Properties as Record<string, unknown>).OKActions = [];
    delete (template.Resources.ConsumeLambdaFunction!.Properties as Record<string, unknown>).TracingConfig;

    expect(monitoringProblems(template, { topicName: 'platform-dev-alarms' })).toEqual([
      'the stack has no dashboard (or more than one)',
      'HelloLambdaFunction has no Throttles alarm',
      'ConsumeLambdaFunction has no Duration p99 alarm at 2400 ms (0.8 × its timeout)',
      'ConsumeLambdaFunction is not traced (TracingConfig Active)',
      'OrdersDlq (a DLQ) has no not-empty alarm',
      "OrdersQueueAgeAlarm's OKActions are not the topic platform-dev-alarms",
    ]);
    expect(monitoringProblems(stack(), { topicName: 'other' })).toContain(
      'OrdersQueue has no ApproximateAgeOfOldestMessage alarm',
    );
  });
});
