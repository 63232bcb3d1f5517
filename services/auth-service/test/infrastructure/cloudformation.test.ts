import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from '@jest/globals';
import {
  gatewayResponseProblems,
  functionRoles,
  leastPrivilegeProblems,
  packageService,
  publishedParameters,
  roleActions,
  roleStatements,
  runtimes,
  type Statement,
  type Template,
} from '@platform/cfn-assertions';

const serviceDir = fileURLToPath(new URL('../..', import.meta.url));

const FUNCTIONS = [
  'Register',
  'Token',
  'Refresh',
  'Logout',
  'Me',
  'SetRoles',
  'Jwks',
  'Authorizer',
  'PurgeLoginRecords',
].map((name) => `${name}LambdaFunction`);

/** Assertions on the CloudFormation `serverless package` produces (nothing is deployed). */
describe('auth-service CloudFormation', () => {
  let template: Template;
  beforeAll(async () => {
    template = await packageService(serviceDir, 'ci');
  }, 120_000);

  const statementsOf = (fn: string): Statement[] => roleStatements(template, functionRoles(template).get(fn) ?? '');
  const fnProperties = (fn: string) => template.Resources[fn]?.Properties ?? {};

  it("answers API Gateway's own errors (throttles, timeouts, unknown routes, denials) in the standard shape", () => {
    expect(gatewayResponseProblems(template)).toEqual([]);
  });

  it('reserves concurrency for the public scrypt endpoints, so a flood is shed instead of taking the account', () => {
    const reserved = (id: string) => template.Resources[id]?.Properties?.ReservedConcurrentExecutions;
    expect({ register: reserved('RegisterLambdaFunction'), token: reserved('TokenLambdaFunction') }).toEqual({
      register: 5,
      token: 10,
    });
  });

  it('runs every function on nodejs22.x', () => {
    expect(new Set(runtimes(template))).toEqual(new Set(['nodejs22.x']));
    expect([...functionRoles(template).keys()].sort()).toEqual([...FUNCTIONS].sort());
  });

  it('gives each function its own role without wildcard actions or resources', () => {
    expect(leastPrivilegeProblems(template)).toEqual([]);
    expect(new Set(functionRoles(template).values()).size).toBe(FUNCTIONS.length);
  });

  it('lets every function read only its two settings paths and decrypt only through SSM', () => {
    for (const fn of FUNCTIONS) {
      const actions = roleActions(template, functionRoles(template).get(fn) ?? '').filter(
        (a) => !a.startsWith('logs:'),
      );
      expect({ fn, actions: actions.sort() }).toEqual({ fn, actions: ['kms:Decrypt', 'ssm:GetParametersByPath'] });
      const read = statementsOf(fn).find((s) => s.Action.includes('ssm:GetParametersByPath'));
      expect(JSON.stringify(read?.Resource)).toContain('parameter/platform/ci/shared"');
      expect(JSON.stringify(read?.Resource)).toContain('parameter/platform/ci/auth-service"');
      expect((read?.Resource as unknown[]).length).toBe(2);
    }
  });

  it('scopes kms:Decrypt to Parameter Store and the two settings paths', () => {
    for (const fn of FUNCTIONS) {
      const decrypt = statementsOf(fn).find((s) => s.Action.includes('kms:Decrypt')) as Statement & {
        Condition: Record<string, Record<string, unknown>>;
      };
      expect(decrypt.Action).toEqual(['kms:Decrypt']);
      expect(decrypt.Resource).toEqual({ 'Fn::Sub': 'arn:aws:kms:${AWS::Region}:${AWS::AccountId}:key/*' });
      expect(decrypt.Condition.StringEquals).toEqual({
        'kms:ViaService': { 'Fn::Sub': 'ssm.${AWS::Region}.amazonaws.com' },
      });
      expect(JSON.stringify(decrypt.Condition.StringLike?.['kms:EncryptionContext:PARAMETER_ARN'])).toMatch(
        /parameter\/platform\/ci\/shared\/\*.*parameter\/platform\/ci\/auth-service\/\*/,
      );
    }
  });

  it('sizes the scrypt functions for N=2^17 (128 MiB per hash) and leaves the rest small', () => {
    expect(fnProperties('RegisterLambdaFunction').MemorySize).toBe(1024);
    expect(fnProperties('TokenLambdaFunction').MemorySize).toBe(1024);
    for (const fn of FUNCTIONS.filter((f) => !['RegisterLambdaFunction', 'TokenLambdaFunction'].includes(f))) {
      expect({ fn, memorySize: fnProperties(fn).MemorySize }).toEqual({ fn, memorySize: 256 });
    }
  });

  it('purges login records hourly, from an EventBridge rule that only it is invoked by', () => {
    const rules = Object.values(template.Resources).filter((resource) => resource.Type === 'AWS::Events::Rule');
    expect(rules.map((rule) => rule.Properties?.ScheduleExpression)).toEqual(['rate(1 hour)']);
    const targets = JSON.stringify(rules[0]?.Properties?.Targets);
    expect(targets).toContain('PurgeLoginRecordsLambdaFunction');
  });

  it('publishes the authorizer ARN and the JWKS URL through SSM', () => {
    expect(publishedParameters(template).sort()).toEqual(
      ['/platform/ci/shared/auth/authorizerArn', '/platform/ci/shared/auth/jwksUrl'].sort(),
    );
    const arn = Object.values(template.Resources).find(
      (r) => r.Properties?.Name === '/platform/ci/shared/auth/authorizerArn',
    );
    expect(arn?.Properties?.Value).toEqual({ 'Fn::GetAtt': ['AuthorizerLambdaFunction', 'Arn'] });
  });

  it('routes the seven HTTP endpoints, and no HTTP route to the authorizer', () => {
    const methods = Object.values(template.Resources)
      .filter((r) => r.Type === 'AWS::ApiGateway::Method')
      .map((r) => String(r.Properties?.HttpMethod));
    expect(methods.sort()).toEqual(['GET', 'GET', 'POST', 'POST', 'POST', 'POST', 'PUT']);
    const permissions = Object.values(template.Resources).filter(
      (r) =>
        r.Type === 'AWS::Lambda::Permission' &&
        JSON.stringify(r.Properties?.FunctionName).includes('AuthorizerLambdaFunction'),
    );
    // Its only permission is the one for API Gateway authorizers (next test), not a route.
    expect(permissions.every((p) => JSON.stringify(p.Properties?.SourceArn).includes('/authorizers/*'))).toBe(true);
  });

  it('passes only stage, service and settings prefix in the environment', () => {
    for (const fn of FUNCTIONS) {
      const variables = Object.keys((fnProperties(fn).Environment as { Variables: object }).Variables).sort();
      expect(variables).toEqual(['NODE_OPTIONS', 'SERVICE_NAME', 'SETTINGS_PREFIX', 'STAGE']);
    }
  });

  it('sets log retention on every function log group', () => {
    const groups = Object.values(template.Resources).filter((r) => r.Type === 'AWS::Logs::LogGroup');
    expect(groups.length).toBe(FUNCTIONS.length);
    for (const group of groups) expect(group.Properties?.RetentionInDays).toBe(30);
  });

  it('lets only API Gateway of this account invoke the authorizer', () => {
    const permissions = Object.values(template.Resources).filter(
      (r) =>
        r.Type === 'AWS::Lambda::Permission' &&
        JSON.stringify(r.Properties?.FunctionName).includes('AuthorizerLambdaFunction'),
    );
    expect(permissions).toHaveLength(1);
    expect(permissions[0]?.Properties).toMatchObject({
      Action: 'lambda:InvokeFunction',
      Principal: 'apigateway.amazonaws.com',
      SourceAccount: { Ref: 'AWS::AccountId' },
    });
    expect(JSON.stringify(permissions[0]?.Properties?.SourceArn)).toContain('/authorizers/*');
  });
});
