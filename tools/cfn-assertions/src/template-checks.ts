import type { Template } from './package-service.js';

/** One IAM statement of a role's inline policy. */
export interface Statement {
  Effect: string;
  Action: string | string[];
  Resource: unknown;
}

const asArray = <T>(value: T | T[]): T[] => (Array.isArray(value) ? value : [value]);

const resourcesOfType = (template: Template, type: string) =>
  Object.entries(template.Resources).filter(([, resource]) => resource.Type === type);

/** The role each Lambda function runs with (its logical id), by function logical id. */
export const functionRoles = (template: Template): Map<string, string> => {
  const roles = new Map<string, string>();
  for (const [id, fn] of resourcesOfType(template, 'AWS::Lambda::Function')) {
    const role = fn.Properties?.Role as { 'Fn::GetAtt'?: [string, string] } | undefined;
    roles.set(id, role?.['Fn::GetAtt']?.[0] ?? JSON.stringify(role));
  }
  return roles;
};

/** Every statement of a role's inline policies. */
export const roleStatements = (template: Template, roleId: string): Statement[] => {
  const policies = (template.Resources[roleId]?.Properties?.Policies ?? []) as Array<{
    PolicyDocument: { Statement: Statement[] };
  }>;
  return policies.flatMap((policy) => policy.PolicyDocument.Statement);
};

/** Actions a role may perform (flattened). */
export const roleActions = (template: Template, roleId: string): string[] =>
  roleStatements(template, roleId).flatMap((statement) => asArray(statement.Action));

/** Actions without resource-level permissions: `*` is the only Resource they take (active tracing). */
const RESOURCELESS_ACTIONS = new Set(['xray:PutTraceSegments', 'xray:PutTelemetryRecords']);

/**
 * Least-privilege problems: functions sharing a role, wildcard actions (`*`, `dynamodb:*`), and
 * wildcard resources outside CloudWatch Logs and X-Ray's trace writes.
 */
export const leastPrivilegeProblems = (template: Template): string[] => {
  const problems: string[] = [];
  const roles = functionRoles(template);
  const seen = new Map<string, string>();
  for (const [fn, role] of roles) {
    const other = seen.get(role);
    if (other) problems.push(`${fn} and ${other} share the role ${role}`);
    seen.set(role, fn);
    for (const statement of roleStatements(template, role)) {
      for (const action of asArray(statement.Action)) {
        if (action === '*' || action.endsWith(':*')) problems.push(`${role} allows the wildcard action ${action}`);
      }
      const anyResourceAllowed = asArray(statement.Action).every(
        (action) => action.startsWith('logs:') || RESOURCELESS_ACTIONS.has(action),
      );
      if (!anyResourceAllowed && asArray(statement.Resource as unknown).some((resource) => resource === '*')) {
        problems.push(`${role} allows ${asArray(statement.Action).join(',')} on every resource`);
      }
    }
  }
  return problems;
};

/** Queue problems: no DLQ, maxReceiveCount not 5, visibility timeout < 6 × the consumer's timeout. */
export const queueProblems = (template: Template): string[] => {
  const problems: string[] = [];
  const queues = new Map(resourcesOfType(template, 'AWS::SQS::Queue'));
  const dlqs = new Set(
    [...queues.values()]
      .map(
        (queue) =>
          (queue.Properties?.RedrivePolicy as { deadLetterTargetArn?: { 'Fn::GetAtt'?: [string] } } | undefined)
            ?.deadLetterTargetArn?.['Fn::GetAtt']?.[0],
      )
      .filter((id): id is string => id !== undefined),
  );
  for (const [id, queue] of queues) {
    if (dlqs.has(id)) continue;
    const redrive = queue.Properties?.RedrivePolicy as { maxReceiveCount?: number } | undefined;
    if (!redrive) problems.push(`${id} has no dead-letter queue`);
    else if (redrive.maxReceiveCount !== 5)
      problems.push(`${id} has maxReceiveCount ${redrive.maxReceiveCount}, expected 5`);
  }
  for (const [, mapping] of resourcesOfType(template, 'AWS::Lambda::EventSourceMapping')) {
    const queueId = (mapping.Properties?.EventSourceArn as { 'Fn::GetAtt'?: [string] } | undefined)?.[
      'Fn::GetAtt'
    ]?.[0];
    const fnId = (mapping.Properties?.FunctionName as { 'Fn::GetAtt'?: [string] } | undefined)?.['Fn::GetAtt']?.[0];
    if (!queueId || !fnId) continue;
    const visibility = Number(queues.get(queueId)?.Properties?.VisibilityTimeout ?? 30);
    const timeout = Number(template.Resources[fnId]?.Properties?.Timeout ?? 6);
    if (visibility < 6 * timeout)
      problems.push(`${queueId} visibility ${visibility}s < 6 × ${fnId} timeout ${timeout}s`);
    if (!asArray((mapping.Properties?.FunctionResponseTypes ?? []) as string[]).includes('ReportBatchItemFailures')) {
      problems.push(`${fnId}'s event source does not report batch item failures`);
    }
  }
  return problems;
};

/** DLQs without a CloudWatch alarm on their depth. */
export const dlqAlarmProblems = (template: Template): string[] => {
  const alarmed = new Set(
    resourcesOfType(template, 'AWS::CloudWatch::Alarm').flatMap(([, alarm]) =>
      ((alarm.Properties?.Dimensions ?? []) as Array<{ Value?: { 'Fn::GetAtt'?: [string] } }>).map(
        (d) => d.Value?.['Fn::GetAtt']?.[0],
      ),
    ),
  );
  const dlqs = resourcesOfType(template, 'AWS::SQS::Queue')
    .map(
      ([, queue]) =>
        (queue.Properties?.RedrivePolicy as { deadLetterTargetArn?: { 'Fn::GetAtt'?: [string] } } | undefined)
          ?.deadLetterTargetArn?.['Fn::GetAtt']?.[0],
    )
    .filter((id): id is string => id !== undefined);
  return dlqs.filter((id) => !alarmed.has(id)).map((id) => `${id} has no alarm on its depth`);
};

/** Names of the SSM parameters the stack publishes. */
export const publishedParameters = (template: Template): string[] =>
  resourcesOfType(template, 'AWS::SSM::Parameter').map(([, parameter]) => String(parameter.Properties?.Name));

/**
 * What is wrong with the parameter publishing the stack's API URL (tools/serverless/api-endpoint.yml):
 * a stack with a REST API must write `name` (serviceEndpointName of @platform/settings/conventions)
 * with the API's invoke URL for its stage. Empty when right, or when the stack has no REST API.
 */
export const apiEndpointProblems = (template: Template, name: string, stage: string): string[] => {
  if (resourcesOfType(template, 'AWS::ApiGateway::RestApi').length === 0) return [];
  const found = resourcesOfType(template, 'AWS::SSM::Parameter').filter(([, p]) => p.Properties?.Name === name);
  if (found.length !== 1) return [`${found.length} parameters named ${name} (want 1)`];
  const value = JSON.stringify(found[0]?.[1].Properties?.Value);
  const wanted = `https://\${ApiGatewayRestApi}.execute-api.\${AWS::Region}.\${AWS::URLSuffix}/${stage}`;
  return value === JSON.stringify({ 'Fn::Sub': wanted })
    ? []
    : [`${name} holds ${value}, not the API's URL for ${stage}`];
};

/** The runtime of every function. */
export const runtimes = (template: Template): string[] =>
  resourcesOfType(template, 'AWS::Lambda::Function').map(([, fn]) => String(fn.Properties?.Runtime));

/**
 * API Gateway's own answers a REST API must give in the standard shape: its throttling, a Lambda
 * it could not invoke (throttled), an integration timeout, an unknown route, denials, and the
 * 4XX/5XX catch-alls.
 */
export const REQUIRED_GATEWAY_RESPONSES = [
  'THROTTLED',
  'INTEGRATION_FAILURE',
  'INTEGRATION_TIMEOUT',
  'MISSING_AUTHENTICATION_TOKEN',
  'UNAUTHORIZED',
  'ACCESS_DENIED',
  'DEFAULT_4XX',
  'DEFAULT_5XX',
] as const;

/**
 * Problems with a stack's Gateway Responses: a REST API without one of
 * {@link REQUIRED_GATEWAY_RESPONSES}, a response not bound to the stack's API, or whose JSON
 * template is not `{ status, message, data }`.
 */
export const gatewayResponseProblems = (template: Template): string[] => {
  if (resourcesOfType(template, 'AWS::ApiGateway::RestApi').length === 0) return [];
  const problems: string[] = [];
  const byType = new Map(
    resourcesOfType(template, 'AWS::ApiGateway::GatewayResponse').map(([id, resource]) => [
      String(resource.Properties?.ResponseType),
      { id, properties: resource.Properties ?? {} },
    ]),
  );
  for (const type of REQUIRED_GATEWAY_RESPONSES) {
    const found = byType.get(type);
    if (!found) {
      problems.push(`no Gateway Response for ${type}`);
      continue;
    }
    if ((found.properties.RestApiId as { Ref?: string } | undefined)?.Ref !== 'ApiGatewayRestApi') {
      problems.push(`${found.id} is not bound to the stack's REST API`);
    }
    const json = (found.properties.ResponseTemplates as Record<string, string> | undefined)?.['application/json'];
    try {
      const body = JSON.parse(String(json)) as Record<string, unknown>;
      if (typeof body.status !== 'string' || typeof body.message !== 'string' || !('data' in body)) throw new Error();
    } catch {
      problems.push(`${found.id} does not answer { status, message, data }`);
    }
  }
  return problems;
};
