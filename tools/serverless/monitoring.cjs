// Alarms, a dashboard and X-Ray rights for one service's stack, generated from its compiled
// CloudFormation template (so nothing is repeated per function in serverless.yml):
//
//   per function   Errors > 0, Throttles > 0, Duration p99 > 80 % of the function's timeout
//   per queue      ApproximateAgeOfOldestMessage > 600 s; a DLQ (a queue another one redrives
//                  to): not empty, with how to redrive it
//   per REST API   5xx rate > 5 %
//   the stack      one dashboard <service>-<stage>; every alarm notifies the stage's topic
//                  <prefix>-<stage>-alarms (AlarmActions and OKActions), which one stack owns
//
// Thresholds and opt-outs come from `options` (the plugin reads them from custom.monitoring).
// CommonJS because Serverless require()s its plugins; monitoring-plugin.cjs is the plugin.
'use strict';

const DEFAULTS = {
  /** Alarm when a function has more than this many errors (or throttles) in a period. */
  errors: 0,
  throttles: 0,
  /** p99 duration above this share of the timeout: the function is close to being killed. */
  durationRatio: 0.8,
  /** A message waiting this long means the consumer is failing or cannot keep up. */
  ageSeconds: 600,
  /** Share of API requests answered 5xx. */
  errorRate: 0.05,
};
const PERIOD = 300;
/** CloudFormation's own default when a function has no Timeout (Serverless always writes one). */
const LAMBDA_DEFAULT_TIMEOUT = 3;
/** What active tracing needs. X-Ray's write actions have no resource type: `*` is all they take. */
const XRAY_STATEMENT = {
  Effect: 'Allow',
  Action: ['xray:PutTraceSegments', 'xray:PutTelemetryRecords'],
  Resource: '*',
};
const TOPIC_ID = 'AlarmTopic';
/** Widgets CloudWatch allows in one alarm status widget. */
const ALARMS_PER_WIDGET = 100;

const entriesOfType = (template, type) => Object.entries(template.Resources).filter(([, r]) => r.Type === type);
const getAttId = (value) => {
  const att = value && value['Fn::GetAtt'];
  return Array.isArray(att) ? att[0] : typeof att === 'string' ? att.split('.')[0] : undefined;
};
const literal = (value, fallback) => (typeof value === 'string' ? value : fallback);
const atLeast = (threshold, noun) => (threshold === 0 ? `an ${noun}` : `more than ${threshold} ${noun}s`);
/** `options.functions[id]` etc.: `false` turns every alarm of it off, a value only that alarm. */
const setting = (overrides, key) => (overrides === false ? false : (overrides?.[key] ?? DEFAULTS[key]));

const alarm = (topic, { name, description, threshold, ...metric }) => ({
  Type: 'AWS::CloudWatch::Alarm',
  Properties: {
    AlarmName: name,
    AlarmDescription: description,
    Period: PERIOD,
    ...metric,
    EvaluationPeriods: 1,
    Threshold: threshold,
    ComparisonOperator: 'GreaterThanThreshold',
    // No invocations, messages or requests is no trouble.
    TreatMissingData: 'notBreaching',
    AlarmActions: [topic],
    OKActions: [topic],
  },
});

const functionAlarms = (ctx, id, fn) => {
  const overrides = ctx.options.functions?.[id];
  const name = literal(fn.Properties.FunctionName, `${ctx.service}-${ctx.stage}-${id}`);
  const timeout = fn.Properties.Timeout ?? ctx.options.providerTimeout ?? LAMBDA_DEFAULT_TIMEOUT;
  const base = id.replace(/LambdaFunction$/, '');
  const lambda = (MetricName) => ({
    Namespace: 'AWS/Lambda',
    MetricName,
    Dimensions: [{ Name: 'FunctionName', Value: { Ref: id } }],
  });
  const alarms = {};
  const errors = setting(overrides, 'errors');
  if (errors !== false) {
    alarms[`${base}ErrorsAlarm`] = alarm(ctx.topic, {
      name: `${name}-errors`,
      description: `${name}: ${atLeast(errors, 'invocation')} failed in 5 minutes (an uncaught error or a timeout)`,
      ...lambda('Errors'),
      Statistic: 'Sum',
      threshold: errors,
    });
  }
  const throttles = setting(overrides, 'throttles');
  if (throttles !== false) {
    alarms[`${base}ThrottlesAlarm`] = alarm(ctx.topic, {
      name: `${name}-throttles`,
      description: `${name}: ${atLeast(throttles, 'invocation')} throttled in 5 minutes (reserved or account concurrency used up)`,
      ...lambda('Throttles'),
      Statistic: 'Sum',
      threshold: throttles,
    });
  }
  const ratio = setting(overrides, 'durationRatio');
  if (ratio !== false) {
    alarms[`${base}DurationAlarm`] = alarm(ctx.topic, {
      name: `${name}-duration-p99`,
      description: `${name}'s p99 duration is above ${Math.round(ratio * 100)} % of its ${timeout} s timeout`,
      ...lambda('Duration'),
      ExtendedStatistic: 'p99',
      threshold: Math.round(ratio * timeout * 1000),
    });
  }
  return { name, alarms };
};

const queueAlarms = (ctx, id, queue, sources) => {
  const name = literal(queue.Properties?.QueueName, `${ctx.service}-${ctx.stage}-${id}`);
  const sqs = (MetricName) => ({
    Namespace: 'AWS/SQS',
    MetricName,
    Dimensions: [{ Name: 'QueueName', Value: { 'Fn::GetAtt': [id, 'QueueName'] } }],
    Statistic: 'Maximum',
  });
  const overrides = ctx.options.queues?.[id];
  if (overrides === false) return { name, alarms: {} };
  if (sources.length > 0) {
    const [source] = sources;
    const receives = source.Properties.RedrivePolicy.maxReceiveCount;
    const from = literal(source.Properties.QueueName, 'its source queue');
    return {
      name,
      alarms: {
        [`${id}Alarm`]: alarm(ctx.topic, {
          name: `${name}-not-empty`,
          description:
            `Messages of ${from} failed ${receives} times and wait in ${name} (once fixed, move them back with a DLQ ` +
            `redrive - npm run dlq -- redrive ${name} --stage ${ctx.stage}, or the console's Start DLQ redrive)`,
          ...sqs('ApproximateNumberOfMessagesVisible'),
          Period: 60,
          threshold: 0,
        }),
      },
    };
  }
  const age = setting(overrides, 'ageSeconds');
  if (age === false) return { name, alarms: {} };
  return {
    name,
    alarms: {
      [`${id}AgeAlarm`]: alarm(ctx.topic, {
        name: `${name}-age`,
        description: `The oldest message in ${name} is older than ${age} s: its consumer fails or cannot keep up`,
        ...sqs('ApproximateAgeOfOldestMessage'),
        threshold: age,
      }),
    },
  };
};

const apiAlarms = (ctx, id, api) => {
  // Serverless names the REST API `<stage>-<service>`; CloudWatch dimensions it by name and stage.
  const name = literal(api.Properties?.Name, `${ctx.stage}-${ctx.service}`);
  const rate = setting(ctx.options.api, 'errorRate');
  if (rate === false) return { name, alarms: {} };
  return {
    name,
    alarms: {
      [`${id}5xxAlarm`]: alarm(ctx.topic, {
        name: `${ctx.service}-${ctx.stage}-api-5xx`,
        description: `More than ${rate * 100} % of ${name}'s requests were answered 5xx in 5 minutes`,
        Namespace: 'AWS/ApiGateway',
        MetricName: '5XXError',
        Dimensions: [
          { Name: 'ApiName', Value: name },
          { Name: 'Stage', Value: ctx.stage },
        ],
        // 5XXError is 1 for a request answered 5xx and 0 for any other, so its Average is the 5xx
        // rate: one metric, no metric math (5XXError/Count would need guarding against Count = 0),
        // and a period without requests has no data, which stays OK.
        Statistic: 'Average',
        threshold: rate,
      }),
    },
  };
};

const topicResources = (ctx) => {
  const resources = {
    [TOPIC_ID]: { Type: 'AWS::SNS::Topic', Properties: { TopicName: ctx.options.topicName } },
    // Only CloudWatch alarms of this account may publish to it.
    [`${TOPIC_ID}Policy`]: {
      Type: 'AWS::SNS::TopicPolicy',
      Properties: {
        Topics: [{ Ref: TOPIC_ID }],
        PolicyDocument: {
          Version: '2012-10-17',
          Statement: [
            {
              Effect: 'Allow',
              Principal: { Service: 'cloudwatch.amazonaws.com' },
              Action: 'sns:Publish',
              Resource: { Ref: TOPIC_ID },
              Condition: {
                StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } },
                ArnLike: {
                  'aws:SourceArn': {
                    'Fn::Sub': 'arn:${AWS::Partition}:cloudwatch:${AWS::Region}:${AWS::AccountId}:alarm:*',
                  },
                },
              },
            },
          ],
        },
      },
    },
  };
  if (ctx.options.alarmEmailParameter) {
    // CloudFormation reads the address from Parameter Store at deploy: no address in the template.
    resources[`${TOPIC_ID}EmailSubscription`] = {
      Type: 'AWS::SNS::Subscription',
      Properties: {
        TopicArn: { Ref: TOPIC_ID },
        Protocol: 'email',
        Endpoint: `{{resolve:ssm:${ctx.options.alarmEmailParameter}}}`,
      },
    };
  }
  return resources;
};

const dashboard = (ctx, { functions, queues, dlqs, apis, alarmNames }) => {
  const graph = (title, metrics, properties = {}) => ({
    type: 'metric',
    width: 12,
    height: 6,
    properties: { title, region: '${AWS::Region}', view: 'timeSeries', period: PERIOD, metrics, ...properties },
  });
  const short = (name) => name.replace(`${ctx.service}-${ctx.stage}-`, '');
  const perFunction = (metric, stat) =>
    functions.map((name) => ['AWS/Lambda', metric, 'FunctionName', name, { stat, label: `${short(name)} ${metric}` }]);
  const perQueue = (names, metric) =>
    names.map((name) => ['AWS/SQS', metric, 'QueueName', name, { stat: 'Maximum', label: name }]);
  const perApi = (metric, stat) =>
    apis.map((name) => [
      'AWS/ApiGateway',
      metric,
      'ApiName',
      name,
      'Stage',
      ctx.stage,
      { stat, label: `${name} ${metric}` },
    ]);
  const emf = `SEARCH('{Platform,function,service,stage} service="${ctx.service}" stage="${ctx.stage}"', 'Sum', ${PERIOD})`;
  const alarmArn = (name) => `arn:\${AWS::Partition}:cloudwatch:\${AWS::Region}:\${AWS::AccountId}:alarm:${name}`;
  const widgets = [];
  for (let i = 0; i < alarmNames.length; i += ALARMS_PER_WIDGET) {
    const alarms = alarmNames.slice(i, i + ALARMS_PER_WIDGET).map(alarmArn);
    widgets.push({ type: 'alarm', width: 24, height: 4, properties: { title: 'Alarms', alarms } });
  }
  if (functions.length > 0) {
    widgets.push(
      graph('Invocations', perFunction('Invocations', 'Sum')),
      graph('Errors and throttles', [...perFunction('Errors', 'Sum'), ...perFunction('Throttles', 'Sum')]),
      graph('Duration p99 (ms)', perFunction('Duration', 'p99')),
    );
  }
  if (queues.length + dlqs.length > 0) {
    widgets.push(
      graph('Queue depth (visible messages)', perQueue([...queues, ...dlqs], 'ApproximateNumberOfMessagesVisible')),
    );
  }
  if (queues.length > 0)
    widgets.push(graph('Age of the oldest message (s)', perQueue(queues, 'ApproximateAgeOfOldestMessage')));
  if (apis.length > 0) {
    widgets.push(graph('API 5xx rate', perApi('5XXError', 'Average')), graph('API requests', perApi('Count', 'Sum')));
  }
  // What @platform/metrics writes (EMF): invocations by status, business metrics, per function.
  widgets.push(graph('Platform metrics (EMF)', [[{ expression: emf, id: 'platform' }]], { width: 24 }));
  return {
    Type: 'AWS::CloudWatch::Dashboard',
    Properties: {
      DashboardName: `${ctx.service}-${ctx.stage}`,
      DashboardBody: { 'Fn::Sub': JSON.stringify({ widgets }) },
    },
  };
};

const addXrayStatements = (template) => {
  for (const [, fn] of entriesOfType(template, 'AWS::Lambda::Function')) {
    if (!fn.Properties?.TracingConfig) continue;
    const statements =
      template.Resources[getAttId(fn.Properties.Role)]?.Properties?.Policies?.[0]?.PolicyDocument?.Statement;
    if (!statements || statements.some((s) => [s.Action].flat().includes('xray:PutTraceSegments'))) continue;
    statements.push({ ...XRAY_STATEMENT, Action: [...XRAY_STATEMENT.Action] });
  }
};

/**
 * Adds the stack's alarms, its dashboard and (when it owns it) the stage's alarm topic to a
 * compiled CloudFormation template, and the X-Ray statement to the role of every traced function.
 * Throws when one of the ids it generates is already taken (an alarm written by hand).
 *
 * @param {{ Resources: Record<string, any> }} template changed in place
 * @param {{
 *   service: string, stage: string, topicName: string, ownsTopic?: boolean,
 *   alarmEmailParameter?: string, providerTimeout?: number,
 *   functions?: Record<string, false | { errors?: number | false, throttles?: number | false, durationRatio?: number | false }>,
 *   queues?: Record<string, false | { ageSeconds?: number | false }>,
 *   api?: false | { errorRate?: number | false },
 * }} options functions and queues by logical id
 * @returns {string[]} the logical ids added
 * @example
 * addMonitoring(template, { service: 'risk-service', stage: 'dev', topicName: 'platform-dev-alarms' });
 */
const addMonitoring = (template, options) => {
  const ctx = {
    options,
    service: options.service,
    stage: options.stage,
    topic: options.ownsTopic
      ? { Ref: TOPIC_ID }
      : { 'Fn::Sub': `arn:\${AWS::Partition}:sns:\${AWS::Region}:\${AWS::AccountId}:${options.topicName}` },
  };
  const added = options.ownsTopic ? topicResources(ctx) : {};
  const names = { functions: [], queues: [], dlqs: [], apis: [] };
  const collect = (list, { name, alarms }) => {
    list.push(name);
    Object.assign(added, alarms);
  };
  for (const [id, fn] of entriesOfType(template, 'AWS::Lambda::Function'))
    collect(names.functions, functionAlarms(ctx, id, fn));
  const queues = entriesOfType(template, 'AWS::SQS::Queue');
  for (const [id, queue] of queues) {
    const sources = queues
      .map(([, q]) => q)
      .filter((q) => getAttId(q.Properties?.RedrivePolicy?.deadLetterTargetArn) === id);
    collect(sources.length > 0 ? names.dlqs : names.queues, queueAlarms(ctx, id, queue, sources));
  }
  for (const [id, api] of entriesOfType(template, 'AWS::ApiGateway::RestApi'))
    collect(names.apis, apiAlarms(ctx, id, api));
  const alarmNames = Object.values(added)
    .filter((r) => r.Type === 'AWS::CloudWatch::Alarm')
    .map((r) => r.Properties.AlarmName);
  added.MonitoringDashboard = dashboard(ctx, { ...names, alarmNames });

  const taken = Object.keys(added).filter((id) => id in template.Resources);
  if (taken.length > 0) {
    throw new Error(
      `monitoring: ${taken.join(', ')} already in the template; the monitoring plugin generates them, remove them from serverless.yml`,
    );
  }
  Object.assign(template.Resources, added);
  addXrayStatements(template);
  return Object.keys(added);
};

module.exports = { addMonitoring, DEFAULTS };
