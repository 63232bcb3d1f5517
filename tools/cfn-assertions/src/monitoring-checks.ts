import type { Template } from './package-service.js';
import { roleActions } from './template-checks.js';

/** One CloudWatch alarm of a template. */
export interface Alarm {
  id: string;
  Namespace?: string;
  MetricName?: string;
  Dimensions?: Array<{ Name: string; Value: unknown }>;
  Statistic?: string;
  ExtendedStatistic?: string;
  Threshold?: number;
  AlarmActions?: unknown[];
  OKActions?: unknown[];
  [property: string]: unknown;
}

/** What {@link monitoringProblems} expects of a stack. */
export interface MonitoringExpectations {
  /** The stage's alarm topic every alarm notifies, e.g. `platform-ci-alarms`. */
  topicName: string;
  /** The Duration p99 threshold as a share of each function's timeout; default 0.8. */
  durationRatio?: number;
}

const entriesOfType = (template: Template, type: string) =>
  Object.entries(template.Resources).filter(([, resource]) => resource.Type === type);

const getAttId = (value: unknown): string | undefined =>
  (value as { 'Fn::GetAtt'?: [string] } | undefined)?.['Fn::GetAtt']?.[0];

/** Every CloudWatch alarm of the template with its properties. */
export const alarms = (template: Template): Alarm[] =>
  entriesOfType(template, 'AWS::CloudWatch::Alarm').map(([id, alarm]) => ({ id, ...alarm.Properties }));

/**
 * The stack's dashboard body, parsed (`${AWS::Region}` and the other pseudo parameters of its
 * `Fn::Sub` filled in with placeholders), or undefined when the stack has no single dashboard.
 */
export const dashboardBody = (template: Template): { widgets: Array<Record<string, unknown>> } | undefined => {
  const dashboards = entriesOfType(template, 'AWS::CloudWatch::Dashboard');
  if (dashboards.length !== 1) return undefined;
  const body = dashboards[0]?.[1].Properties?.DashboardBody as string | { 'Fn::Sub': string };
  const text = typeof body === 'string' ? body : body['Fn::Sub'];
  return JSON.parse(text.replace(/\$\{AWS::(\w+)\}/g, '$1')) as { widgets: Array<Record<string, unknown>> };
};

/** Whether an alarm action is the stage topic: by ARN (`!Sub …:<topic>`) or a Ref to the topic the stack creates. */
const isTopic = (template: Template, topicName: string, action: unknown): boolean => {
  const ref = (action as { Ref?: string }).Ref;
  if (ref) return template.Resources[ref]?.Properties?.TopicName === topicName;
  const sub = (action as { 'Fn::Sub'?: string })['Fn::Sub'];
  return typeof sub === 'string' && sub.endsWith(`:sns:\${AWS::Region}:\${AWS::AccountId}:${topicName}`);
};

const hasAlarm = (list: Alarm[], namespace: string, metric: string, dimension: (value: unknown) => boolean) =>
  list.filter(
    (alarm) =>
      alarm.Namespace === namespace &&
      alarm.MetricName === metric &&
      (alarm.Dimensions ?? []).some((d) => dimension(d.Value)),
  );

/**
 * Monitoring problems of a packaged stack: a function without its Errors, Throttles and Duration
 * p99 (> ratio × timeout) alarms, a queue without an age alarm, a DLQ without a not-empty alarm, a
 * REST API without a 5xx rate alarm, an alarm that does not notify the stage topic (AlarmActions
 * and OKActions), no dashboard or one whose body is not JSON or misses a function, a function not
 * traced or whose role may not write to X-Ray.
 *
 * @example
 * expect(monitoringProblems(template, { topicName: 'platform-ci-alarms' })).toEqual([]);
 */
export const monitoringProblems = (template: Template, expected: MonitoringExpectations): string[] => {
  const problems: string[] = [];
  const ratio = expected.durationRatio ?? 0.8;
  const list = alarms(template);
  let body: string | undefined;
  try {
    const parsed = dashboardBody(template);
    body = parsed && JSON.stringify(parsed);
    if (!body) problems.push('the stack has no dashboard (or more than one)');
  } catch (error) {
    problems.push(`the dashboard body is not JSON: ${(error as Error).message}`);
  }
  if (body && !body.includes('"Platform')) problems.push('the dashboard does not show the Platform (EMF) metrics');

  for (const [id, fn] of entriesOfType(template, 'AWS::Lambda::Function')) {
    const isFn = (value: unknown) => (value as { Ref?: string }).Ref === id;
    for (const metric of ['Errors', 'Throttles']) {
      if (hasAlarm(list, 'AWS/Lambda', metric, isFn).length === 0) problems.push(`${id} has no ${metric} alarm`);
    }
    // Serverless always writes Timeout; CloudFormation's default is 3 s.
    const threshold = Math.round(ratio * Number(fn.Properties?.Timeout ?? 3) * 1000);
    const duration = hasAlarm(list, 'AWS/Lambda', 'Duration', isFn);
    if (!duration.some((alarm) => alarm.ExtendedStatistic === 'p99' && alarm.Threshold === threshold)) {
      problems.push(`${id} has no Duration p99 alarm at ${threshold} ms (${ratio} × its timeout)`);
    }
    if (body && !body.includes(`"${String(fn.Properties?.FunctionName)}"`)) problems.push(`the dashboard misses ${id}`);
    if ((fn.Properties?.TracingConfig as { Mode?: string } | undefined)?.Mode !== 'Active') {
      problems.push(`${id} is not traced (TracingConfig Active)`);
    }
    const actions = roleActions(template, getAttId(fn.Properties?.Role) ?? '');
    if (!['xray:PutTraceSegments', 'xray:PutTelemetryRecords'].every((action) => actions.includes(action))) {
      problems.push(`${id}'s role may not write X-Ray traces`);
    }
  }

  const queues = entriesOfType(template, 'AWS::SQS::Queue');
  const dlqs = new Set(
    queues.map(([, queue]) =>
      getAttId((queue.Properties?.RedrivePolicy as { deadLetterTargetArn?: unknown } | undefined)?.deadLetterTargetArn),
    ),
  );
  for (const [id] of queues) {
    const isQueue = (value: unknown) => getAttId(value) === id;
    if (dlqs.has(id)) {
      const depth = hasAlarm(list, 'AWS/SQS', 'ApproximateNumberOfMessagesVisible', isQueue);
      if (!depth.some((alarm) => alarm.Threshold === 0)) problems.push(`${id} (a DLQ) has no not-empty alarm`);
    } else if (hasAlarm(list, 'AWS/SQS', 'ApproximateAgeOfOldestMessage', isQueue).length === 0) {
      problems.push(`${id} has no ApproximateAgeOfOldestMessage alarm`);
    }
  }

  for (const [id, api] of entriesOfType(template, 'AWS::ApiGateway::RestApi')) {
    const isApi = (value: unknown) => value === api.Properties?.Name;
    if (!hasAlarm(list, 'AWS/ApiGateway', '5XXError', isApi).some((alarm) => alarm.Statistic === 'Average')) {
      problems.push(`${id} has no 5xx rate alarm (5XXError, Average)`);
    }
  }

  for (const alarm of list) {
    for (const key of ['AlarmActions', 'OKActions'] as const) {
      const actions = alarm[key] ?? [];
      if (actions.length === 0 || !actions.every((action) => isTopic(template, expected.topicName, action))) {
        problems.push(`${alarm.id}'s ${key} are not the topic ${expected.topicName}`);
      }
    }
  }
  return problems;
};
