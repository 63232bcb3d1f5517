import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from '@jest/globals';
import {
  apiEndpointProblems,
  gatewayResponseProblems,
  functionRoles,
  alarms,
  leastPrivilegeProblems,
  monitoringProblems,
  packageStack,
  publishedParameters,
  roleActions,
  roleStatements,
  runtimes,
  type ServerlessState,
  type Statement,
  type Template,
} from '@platform/cfn-assertions';
import { serviceEndpointName } from '@platform/settings/conventions';

const serviceDir = fileURLToPath(new URL('../..', import.meta.url));

const FUNCTIONS = [
  'Register',
  'Token',
  'Refresh',
  'Logout',
  'Me',
  'SetRoles',
  'DeleteUser',
  'Jwks',
  'Authorizer',
  'PurgeLoginRecords',
].map((name) => `${name}LambdaFunction`);

/** Assertions on the CloudFormation `serverless package` produces (nothing is deployed). */
describe('auth-service CloudFormation', () => {
  let template: Template;
  let state: ServerlessState;
  beforeAll(async () => {
    ({ template, state } = await packageStack(serviceDir, 'ci'));
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

  it("publishes the API's URL where the stage suite looks for it", () => {
    expect(apiEndpointProblems(template, serviceEndpointName('auth-service', { stage: 'ci' }), 'ci')).toEqual([]);
  });

  it('runs every function on nodejs22.x', () => {
    expect(new Set(runtimes(template))).toEqual(new Set(['nodejs22.x']));
    expect([...functionRoles(template).keys()].sort()).toEqual([...FUNCTIONS].sort());
  });

  it('gives each function its own role without wildcard actions or resources', () => {
    expect(leastPrivilegeProblems(template)).toEqual([]);
    expect(new Set(functionRoles(template).values()).size).toBe(FUNCTIONS.length);
  });

  /** The two functions that sign, and may read the private keys; the two that get an explicit Deny. */
  const SIGNERS = ['TokenLambdaFunction', 'RefreshLambdaFunction'];
  const DENIED = ['JwksLambdaFunction', 'AuthorizerLambdaFunction'];
  const ARN = 'arn:aws:ssm:${AWS::Region}:${AWS::AccountId}:parameter';
  const SIGNING_KEYS = `${ARN}/platform/ci/auth-service-signing/keys`;
  /** The paths whose recursive read returns the signing keys: their own and every ancestor. */
  const PATHS_ABOVE_KEYS = ['/platform/ci/auth-service-signing', '/platform/ci', '/platform', '/'].map(
    (p) => `${ARN}${p}`,
  );

  type Conditioned = Statement & { Condition?: Record<string, Record<string, unknown>> };
  const asList = (value: unknown): unknown[] => (Array.isArray(value) ? value : [value]);
  /** `Fn::Sub` templates (or plain strings) of a Resource or condition value. */
  const templates = (value: unknown): string[] =>
    asList(value).map((item) =>
      typeof item === 'object' && item !== null && 'Fn::Sub' in item ? String(item['Fn::Sub']) : String(item),
    );
  /** IAM's wildcard matching (`*`, `?`), on the templates (placeholders compare literally). */
  const matches = (pattern: string, name: string): boolean =>
    new RegExp(
      `^${pattern
        .replace(/[.+^${}()|[\]\\]/g, '\\$&')
        .replace(/\*/g, '.*')
        .replace(/\?/g, '.')}$`,
    ).test(name);
  const withAction = (fn: string, effect: string, action: string): Conditioned[] =>
    statementsOf(fn).filter(
      (s) => s.Effect === effect && asList(s.Action).some((a) => matches(String(a), action)),
    ) as Conditioned[];
  const readPaths = (fn: string) =>
    withAction(fn, 'Allow', 'ssm:GetParametersByPath').flatMap((s) => templates(s.Resource));
  const decryptPatterns = (fn: string, effect: string) =>
    withAction(fn, effect, 'kms:Decrypt').flatMap((s) => {
      const arns = s.Condition?.StringLike?.['kms:EncryptionContext:PARAMETER_ARN'];
      return arns === undefined ? ['*'] : templates(arns); // no condition: every parameter
    });
  /** Whether the role lets `action` reach the signing keys: an Allow that matches, and no Deny. */
  const reaches = (fn: string, action: 'read' | 'decrypt'): boolean => {
    if (action === 'decrypt') {
      const allowed = decryptPatterns(fn, 'Allow').some((p) => matches(p, SIGNING_KEYS));
      return allowed && !decryptPatterns(fn, 'Deny').some((p) => matches(p, SIGNING_KEYS));
    }
    const denied = withAction(fn, 'Deny', 'ssm:GetParametersByPath').flatMap((s) => templates(s.Resource));
    return PATHS_ABOVE_KEYS.some(
      (path) => readPaths(fn).some((p) => matches(p, path)) && !denied.some((p) => matches(p, path)),
    );
  };

  it('alarms on every function and the API, notifying the stage topic it owns, with a dashboard', () => {
    expect(monitoringProblems(template, { topicName: 'platform-ci-alarms' })).toEqual([]);
    const duration = (fn: string) => template.Resources[`${fn}DurationAlarm`]?.Properties?.Threshold;
    expect(alarms(template)).toHaveLength(FUNCTIONS.length * 3 + 1);
    expect([duration('Token'), duration('PurgeLoginRecords'), duration('Authorizer')]).toEqual([8000, 48_000, 4000]);
  });

  it('owns the stage alarm topic, which only CloudWatch alarms of the account may publish to', () => {
    expect(template.Resources.AlarmTopic?.Properties).toEqual({ TopicName: 'platform-ci-alarms' });
    const [statement] = (template.Resources.AlarmTopicPolicy?.Properties?.PolicyDocument as { Statement: unknown[] })
      .Statement;
    expect(statement).toMatchObject({
      Effect: 'Allow',
      Principal: { Service: 'cloudwatch.amazonaws.com' },
      Action: 'sns:Publish',
      Condition: { StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } } },
    });
    // Review and CI stages subscribe nobody (params: dev and prod mail the address in Parameter Store).
    expect(template.Resources.AlarmTopicEmailSubscription).toBeUndefined();
  });

  it('traces every function and the REST API stage with X-Ray', () => {
    expect(state.service.provider.tracing).toEqual({ lambda: true, apiGateway: true });
  });

  it('lets every function read only its settings paths, and decrypt only through SSM', () => {
    for (const fn of FUNCTIONS) {
      // Logs and X-Ray's trace writes: every function has them (see the tracing test).
      const actions = roleActions(template, functionRoles(template).get(fn) ?? '').filter(
        (a) => !a.startsWith('logs:') && !a.startsWith('xray:'),
      );
      expect({ fn, actions: [...new Set(actions)].sort() }).toEqual({
        fn,
        actions: DENIED.includes(fn)
          ? ['kms:Decrypt', 'ssm:GetParameter*', 'ssm:GetParametersByPath']
          : ['kms:Decrypt', 'ssm:GetParametersByPath'],
      });
      const own = [`${ARN}/platform/ci/shared`, `${ARN}/platform/ci/auth-service`];
      const signing = SIGNERS.includes(fn) ? [`${ARN}/platform/ci/auth-service-signing`] : [];
      expect({ fn, paths: readPaths(fn).sort() }).toEqual({ fn, paths: [...own, ...signing].sort() });
    }
  });

  it('scopes kms:Decrypt to Parameter Store and the settings paths, the signing keys for token and refresh only', () => {
    for (const fn of FUNCTIONS) {
      for (const decrypt of withAction(fn, 'Allow', 'kms:Decrypt')) {
        expect(decrypt.Action).toEqual(['kms:Decrypt']);
        expect(decrypt.Resource).toEqual({ 'Fn::Sub': 'arn:aws:kms:${AWS::Region}:${AWS::AccountId}:key/*' });
        expect(decrypt.Condition?.StringEquals).toEqual({
          'kms:ViaService': { 'Fn::Sub': 'ssm.${AWS::Region}.amazonaws.com' },
        });
      }
      const own = [`${ARN}/platform/ci/shared/*`, `${ARN}/platform/ci/auth-service/*`];
      const signing = SIGNERS.includes(fn) ? [`${ARN}/platform/ci/auth-service-signing/*`] : [];
      expect({ fn, patterns: decryptPatterns(fn, 'Allow').sort() }).toEqual({
        fn,
        patterns: [...own, ...signing].sort(),
      });
    }
  });

  it('lets token and refresh read and decrypt the private signing keys, and no other function', () => {
    const reading = FUNCTIONS.filter((fn) => reaches(fn, 'read'));
    const decrypting = FUNCTIONS.filter((fn) => reaches(fn, 'decrypt'));
    expect({ reading, decrypting }).toEqual({ reading: SIGNERS, decrypting: SIGNERS });
  });

  it('denies jwks and the authorizer every read and decrypt of the signing keys, explicitly', () => {
    for (const fn of FUNCTIONS) {
      const denies = statementsOf(fn).filter((s) => s.Effect === 'Deny');
      if (!DENIED.includes(fn)) {
        expect({ fn, denies }).toEqual({ fn, denies: [] });
        continue;
      }
      const read = withAction(fn, 'Deny', 'ssm:GetParameter');
      expect(read.map((s) => s.Action)).toEqual([['ssm:GetParameter*']]);
      const denied = read.flatMap((s) => templates(s.Resource));
      for (const name of [SIGNING_KEYS, ...PATHS_ABOVE_KEYS]) {
        expect({ fn, name, denied: denied.some((p) => matches(p, name)) }).toEqual({ fn, name, denied: true });
      }
      // Nothing it reads is denied: only the signing tree and the paths above it.
      for (const path of readPaths(fn))
        expect({ fn, path, denied: denied.some((p) => matches(p, path)) }).toEqual({ fn, path, denied: false });
      expect({ fn, decrypt: decryptPatterns(fn, 'Deny') }).toEqual({
        fn,
        decrypt: [`${ARN}/platform/ci/auth-service-signing/*`],
      });
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
      [
        '/platform/ci/shared/auth/authorizerArn',
        '/platform/ci/shared/auth/jwksUrl',
        '/platform/ci/shared/endpoints/auth-service',
      ].sort(),
    );
    const arn = Object.values(template.Resources).find(
      (r) => r.Properties?.Name === '/platform/ci/shared/auth/authorizerArn',
    );
    expect(arn?.Properties?.Value).toEqual({ 'Fn::GetAtt': ['AuthorizerLambdaFunction', 'Arn'] });
  });

  it('routes the eight HTTP endpoints, and no HTTP route to the authorizer', () => {
    const methods = Object.values(template.Resources)
      .filter((r) => r.Type === 'AWS::ApiGateway::Method')
      .map((r) => String(r.Properties?.HttpMethod));
    expect(methods.sort()).toEqual(['DELETE', 'GET', 'GET', 'POST', 'POST', 'POST', 'POST', 'PUT']);
    const permissions = Object.values(template.Resources).filter(
      (r) =>
        r.Type === 'AWS::Lambda::Permission' &&
        JSON.stringify(r.Properties?.FunctionName).includes('AuthorizerLambdaFunction'),
    );
    // Its only permission is the one for API Gateway authorizers (next test), not a route.
    expect(permissions.every((p) => JSON.stringify(p.Properties?.SourceArn).includes('/authorizers/*'))).toBe(true);
  });

  it('passes only stage, service, settings prefix and the Node options (tools/serverless/platform.yml) in the environment', () => {
    for (const fn of FUNCTIONS) {
      const variables = (fnProperties(fn).Environment as { Variables: Record<string, unknown> }).Variables;
      expect(Object.keys(variables).sort()).toEqual(['NODE_OPTIONS', 'SERVICE_NAME', 'SETTINGS_PREFIX', 'STAGE']);
      expect(variables.NODE_OPTIONS).toBe('--experimental-async-context-frame');
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
