import { describe, expect, it } from '@jest/globals';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  ManifestNotFoundError,
  ManifestSyntaxError,
  ManifestVariableError,
  readServiceManifest,
  type ReadServiceManifestOptions,
} from '../src/index.js';

const WORKSPACE = fileURLToPath(new URL('./fixtures/workspace/', import.meta.url));
const DEMO = `${WORKSPACE}services/demo-service`;

/** Reads a manifest from in-memory files, as the generators do from an Nx Tree. */
const fromFiles = (files: Record<string, string>, options: ReadServiceManifestOptions = {}) =>
  readServiceManifest('services/app', { ...options, readFile: (path) => files[path] ?? null });

describe('readServiceManifest', () => {
  it('resolves ${file(path):key} includes relative to the service directory', () => {
    // Act
    const manifest = readServiceManifest(DEMO);

    // Assess
    expect(manifest.custom?.esbuild).toEqual({ bundle: true, outputFileExtension: '.cjs', exclude: ['pg-native'] });
    expect(manifest.provider.timeout).toBe(10);
    expect(manifest.functions.consume).toMatchObject({ handler: 'src/functions/consume/handler.handler', timeout: 20 });
  });

  it('leaves the other variables as written when no stage is given', () => {
    // Act
    const manifest = readServiceManifest(DEMO);

    // Assess
    expect(manifest.provider.environment?.STAGE).toBe('${sls:stage}');
    expect(manifest.resources?.Resources?.QueueUrl?.Properties?.Name).toBe(
      '/${param:settingsPrefix}/${sls:stage}/shared/queues/demo/url',
    );
  });

  it('fills in sls:stage, opt: with fallbacks, stage params over the defaults and self: for a stage', () => {
    // Act
    const manifest = readServiceManifest(DEMO, { stage: 'local' });

    // Assess
    expect(manifest.provider).toMatchObject({ stage: 'local', region: 'eu-west-1' });
    expect(manifest.provider.environment).toEqual({
      STAGE: 'local',
      SERVICE_NAME: 'demo-service',
      SETTINGS_PREFIX: 'platform',
    });
    expect(manifest.custom?.apiGatewayThrottling).toEqual({ maxRequestsPerSecond: 100 });
    expect(readServiceManifest(DEMO, { stage: 'dev' }).custom?.apiGatewayThrottling).toEqual({
      maxRequestsPerSecond: 20,
    });
    expect(manifest.resources?.Resources?.Queue?.Properties?.QueueName).toBe('demo-service-local-queue');
  });

  it('takes ${opt:…} from the CLI options before its fallback', () => {
    // Act
    const manifest = readServiceManifest(DEMO, { stage: 'local', cliOptions: { region: 'us-east-1' } });

    // Assess
    expect(manifest.provider.region).toBe('us-east-1');
  });

  it('resolves a self: reference to an included value in the including service', () => {
    // Act
    const manifest = readServiceManifest(DEMO, { stage: 'prod' });

    // Assess
    expect(manifest.functions.consume?.iamRoleStatements).toEqual([
      {
        Effect: 'Allow',
        Action: ['ssm:GetParametersByPath'],
        Resource: [{ 'Fn::Sub': 'arn:aws:ssm:${AWS::Region}:${AWS::AccountId}:parameter/platform/prod/demo-service' }],
      },
    ]);
  });

  it('keeps CloudFormation tags as inert long-form intrinsics', () => {
    // Act
    const manifest = readServiceManifest(DEMO, { stage: 'local' });

    // Assess
    expect(manifest.functions.consume?.events?.[0]?.sqs?.arn).toEqual({ 'Fn::GetAtt': ['Queue', 'Arn'] });
    expect(manifest.resources?.Resources?.QueueUrl?.Properties?.Value).toEqual({ Ref: 'Queue' });
  });

  it('merges a list of resources parts into one mapping, as Serverless does', () => {
    // Act
    const manifest = readServiceManifest(DEMO);

    // Assess
    expect(Object.keys(manifest.resources?.Resources ?? {})).toEqual(['GatewayResponseThrottled', 'Queue', 'QueueUrl']);
  });

  it('reads through the given readFile, null meaning absent', () => {
    // Act
    const manifest = fromFiles({ 'services/app/serverless.yml': 'service: app\n' });

    // Assess
    expect(manifest).toEqual({ service: 'app', provider: {}, functions: {} });
  });

  it('leaves includes as written when includes is false', () => {
    // Prepare
    const files = { 'services/app/serverless.yml': 'service: app\nprovider: ${file(../missing.yml):provider}\n' };

    // Act
    const manifest = fromFiles(files, { includes: false });

    // Assess
    expect(manifest.provider).toBe('${file(../missing.yml):provider}');
  });

  it('throws ManifestNotFoundError naming the file when the service has no serverless.yml', () => {
    // Act
    const read = () => readServiceManifest(`${WORKSPACE}services/none-service`);

    // Assess
    expect(read).toThrow(ManifestNotFoundError);
    expect(read).toThrow(`${WORKSPACE}services/none-service/serverless.yml does not exist.`);
  });

  it('throws ManifestSyntaxError naming the file when the YAML is bad', () => {
    // Prepare: written here, as the workspace's prettier would refuse it as a fixture
    const serviceDir = mkdtempSync(join(tmpdir(), 'service-manifest-'));
    writeFileSync(join(serviceDir, 'serverless.yml'), 'service: broken\nprovider:\n  name: aws\n   stage: [oops\n');

    // Act
    const read = () => readServiceManifest(serviceDir);

    // Assess
    expect(read).toThrow(ManifestSyntaxError);
    expect(read).toThrow(`${serviceDir}/serverless.yml is not valid YAML`);
    rmSync(serviceDir, { recursive: true });
  });

  it('throws ManifestSyntaxError when the manifest is not a mapping', () => {
    expect(() => fromFiles({ 'services/app/serverless.yml': '- a\n- b\n' })).toThrow(
      'services/app/serverless.yml is not a YAML mapping.',
    );
  });

  it('throws ManifestNotFoundError naming both files when an include is missing', () => {
    // Prepare
    const files = {
      'services/app/serverless.yml': 'service: app\nprovider: ${file(../../shared/none.yml):provider}\n',
    };

    // Act
    const read = () => fromFiles(files);

    // Assess
    expect(read).toThrow(ManifestNotFoundError);
    expect(read).toThrow('shared/none.yml (included by services/app/serverless.yml) does not exist.');
  });

  it('throws ManifestVariableError naming the variable and the file when an include has no such key', () => {
    // Prepare
    const files = {
      'services/app/serverless.yml': 'service: app\nprovider: ${file(../../shared/base.yml):provdier}\n',
      'shared/base.yml': 'provider: { name: aws }\n',
    };

    // Act
    const read = () => fromFiles(files);

    // Assess
    expect(read).toThrow(ManifestVariableError);
    expect(read).toThrow(
      '${file(../../shared/base.yml):provdier} in services/app/serverless.yml: ../../shared/base.yml has no key "provdier".',
    );
  });

  it('names the included file when its YAML is bad', () => {
    // Prepare
    const files = {
      'services/app/serverless.yml': 'service: app\nprovider: ${file(base.yml):provider}\n',
      'services/app/base.yml': 'provider: [oops\n',
    };

    // Act, Assess
    expect(() => fromFiles(files)).toThrow('services/app/base.yml is not valid YAML');
  });

  it('throws ManifestVariableError for a parameter neither the stage nor the defaults define', () => {
    // Prepare
    const files = { 'services/app/serverless.yml': 'service: app\nprovider:\n  timeout: ${param:timeout}\n' };

    // Act, Assess
    expect(() => fromFiles(files, { stage: 'local' })).toThrow(
      '${param:timeout} in services/app/serverless.yml: no parameter "timeout" in params.local or params.default.',
    );
  });

  it('throws ManifestVariableError for a source it does not resolve, such as ssm', () => {
    // Prepare
    const files = { 'services/app/serverless.yml': 'service: app\ncustom:\n  url: ${ssm:/platform/url}\n' };

    // Act, Assess
    expect(() => fromFiles(files, { stage: 'local' })).toThrow(ManifestVariableError);
    expect(() => fromFiles(files, { stage: 'local' })).toThrow('the source "ssm" is not resolved here.');
  });

  it('throws ManifestVariableError for a self: reference to itself', () => {
    // Prepare
    const files = {
      'services/app/serverless.yml': 'service: app\ncustom:\n  a: ${self:custom.b}\n  b: ${self:custom.a}\n',
    };

    // Act, Assess
    expect(() => fromFiles(files, { stage: 'local' })).toThrow('refers to itself (custom.b → custom.a → custom.b).');
  });

  it('uses a fallback when the source has no value, and interpolates variables inside strings', () => {
    // Prepare
    const files = {
      'services/app/serverless.yml':
        "service: app\ncustom:\n  name: ${self:service}-${opt:suffix, 'x'}\n  retries: ${self:custom.none, 3}\n",
    };

    // Act
    const manifest = fromFiles(files, { stage: 'local' });

    // Assess
    expect(manifest.custom).toEqual({ name: 'app-x', retries: 3 });
  });
});
