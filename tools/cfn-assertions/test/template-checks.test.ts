import { describe, expect, it } from '@jest/globals';
import {
  apiEndpointProblems,
  dlqAlarmProblems,
  leastPrivilegeProblems,
  queueProblems,
  type Template,
} from '../src/index.js';

const role = (statements: unknown[]) => ({
  Type: 'AWS::IAM::Role',
  Properties: { Policies: [{ PolicyDocument: { Statement: statements } }] },
});
const fn = (roleId: string, timeout = 10) => ({
  Type: 'AWS::Lambda::Function',
  Properties: { Role: { 'Fn::GetAtt': [roleId, 'Arn'] }, Timeout: timeout },
});
const logs = { Effect: 'Allow', Action: ['logs:PutLogEvents'], Resource: '*' };

describe('leastPrivilegeProblems', () => {
  it('accepts one narrow role per function', () => {
    const template: Template = {
      Resources: {
        ARole: role([logs, { Effect: 'Allow', Action: ['dynamodb:GetItem'], Resource: 'arn:table' }]),
        BRole: role([logs]),
        AFn: fn('ARole'),
        BFn: fn('BRole'),
      },
    };
    expect(leastPrivilegeProblems(template)).toEqual([]);
  });

  it('reports shared roles, wildcard actions and wildcard resources', () => {
    const template: Template = {
      Resources: {
        Shared: role([
          { Effect: 'Allow', Action: ['dynamodb:*'], Resource: 'arn:t' },
          { Effect: 'Allow', Action: 'sqs:SendMessage', Resource: '*' },
        ]),
        AFn: fn('Shared'),
        BFn: fn('Shared'),
      },
    };
    const problems = leastPrivilegeProblems(template);
    expect(problems.some((p) => p.includes('share the role'))).toBe(true);
    expect(problems.some((p) => p.includes('wildcard action dynamodb:*'))).toBe(true);
    expect(problems.some((p) => p.includes('sqs:SendMessage on every resource'))).toBe(true);
  });
});

describe('queueProblems', () => {
  const queues = (visibility: number, maxReceiveCount: number, withDlq = true): Template => ({
    Resources: {
      Dlq: { Type: 'AWS::SQS::Queue', Properties: {} },
      Queue: {
        Type: 'AWS::SQS::Queue',
        Properties: {
          VisibilityTimeout: visibility,
          ...(withDlq
            ? { RedrivePolicy: { deadLetterTargetArn: { 'Fn::GetAtt': ['Dlq', 'Arn'] }, maxReceiveCount } }
            : {}),
        },
      },
      ConsumerRole: role([logs]),
      Consumer: fn('ConsumerRole', 10),
      Mapping: {
        Type: 'AWS::Lambda::EventSourceMapping',
        Properties: {
          EventSourceArn: { 'Fn::GetAtt': ['Queue', 'Arn'] },
          FunctionName: { 'Fn::GetAtt': ['Consumer', 'Arn'] },
          FunctionResponseTypes: ['ReportBatchItemFailures'],
        },
      },
    },
  });

  it('accepts a DLQ with maxReceiveCount 5 and visibility ≥ 6 × timeout', () => {
    expect(queueProblems(queues(60, 5))).toEqual([]);
  });

  it('reports a short visibility timeout, a wrong receive count and a missing DLQ', () => {
    expect(queueProblems(queues(59, 5))).toEqual(['Queue visibility 59s < 6 × Consumer timeout 10s']);
    expect(queueProblems(queues(60, 3))).toEqual(['Queue has maxReceiveCount 3, expected 5']);
    expect(queueProblems(queues(60, 5, false))).toContain('Queue has no dead-letter queue');
  });

  it('reports DLQs nobody watches', () => {
    expect(dlqAlarmProblems(queues(60, 5))).toEqual(['Dlq has no alarm on its depth']);
  });
});

describe('apiEndpointProblems', () => {
  const NAME = '/platform/dev/shared/endpoints/risk-service';
  const url = (stage: string) => ({
    'Fn::Sub': `https://\${ApiGatewayRestApi}.execute-api.\${AWS::Region}.\${AWS::URLSuffix}/${stage}`,
  });
  const withParameter = (name: string, value: unknown): Template => ({
    Resources: {
      ApiGatewayRestApi: { Type: 'AWS::ApiGateway::RestApi' },
      ApiEndpointParameter: { Type: 'AWS::SSM::Parameter', Properties: { Name: name, Type: 'String', Value: value } },
    },
  });

  it("accepts the parameter holding the REST API's URL for the stage", () => {
    expect(apiEndpointProblems(withParameter(NAME, url('dev')), NAME, 'dev')).toEqual([]);
  });

  it('reports a missing parameter, another name, another stage or another value', () => {
    expect(apiEndpointProblems({ Resources: { Api: { Type: 'AWS::ApiGateway::RestApi' } } }, NAME, 'dev')).toEqual([
      `0 parameters named ${NAME} (want 1)`,
    ]);
    expect(apiEndpointProblems(withParameter(`${NAME}-x`, url('dev')), NAME, 'dev')).toHaveLength(1);
    expect(apiEndpointProblems(withParameter(NAME, url('prod')), NAME, 'dev')[0]).toContain(
      "not the API's URL for dev",
    );
    expect(apiEndpointProblems(withParameter(NAME, 'https://example.com'), NAME, 'dev')).toHaveLength(1);
  });

  it('asks nothing of a stack without a REST API', () => {
    expect(apiEndpointProblems({ Resources: {} }, NAME, 'dev')).toEqual([]);
  });
});
