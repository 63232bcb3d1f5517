import { readJson, type Tree } from '@nx/devkit';
import { beforeEach, describe, expect, it } from '@jest/globals';
import { serviceGenerator } from '../../src/generators/service/service.js';
import { codeownersSection, platformTree, readYaml } from './fixtures/workspace.js';

interface Serverless {
  service: string;
  frameworkVersion: string;
  plugins: string[];
  provider: string;
  package: string;
  params: { default: Record<string, unknown> };
  custom: {
    esbuild: string;
    readSettings: string;
    apiGatewayThrottling: Record<string, unknown>;
    'serverless-offline': { httpPort: number; lambdaPort: number };
  };
  functions: Record<string, { handler: string; events: Array<Record<string, unknown>> }>;
}

describe('serviceGenerator', () => {
  let tree: Tree;
  beforeEach(() => {
    tree = platformTree();
  });

  it('creates services/<name>-service with its package.json, tags and dependencies', async () => {
    await serviceGenerator(tree, { name: 'billing', team: 'billing', skipInstall: true, skipFormat: true });

    const pkg = readJson(tree, 'services/billing-service/package.json');
    expect(pkg).toMatchObject({ name: 'billing-service', private: true, type: 'module' });
    expect(pkg.nx.tags).toEqual(['scope:service', 'team:billing']);
    expect(Object.keys(pkg.scripts).sort()).toEqual(['lint', 'typecheck']);
    expect(pkg.dependencies).toMatchObject({
      '@platform/lambda': '*',
      '@platform/settings': '*',
      '@platform/logger': '*',
      '@platform/response': '*',
    });
    expect(pkg.dependencies.zod).toMatch(/^\^4\./);
    expect(pkg.devDependencies).toMatchObject({ '@platform/cfn-assertions': '*', '@platform/local-cloud': '*' });
    expect(pkg.platform.settings).toEqual({ module: './src/settings.ts', schemas: ['billingSettingsSchema'] });
    expect(tree.read('services/billing-service/src/settings.ts', 'utf8')).toContain(
      'export const billingSettingsSchema = z.object(',
    );
  });

  it('writes the service files: thin handler, use case, settings, tests, params, README', async () => {
    await serviceGenerator(tree, { name: 'billing', team: 'billing', skipInstall: true, skipFormat: true });

    const root = 'services/billing-service';
    for (const file of [
      'serverless.yml',
      'tsconfig.json',
      'jest.config.js',
      'README.md',
      'src/settings.ts',
      'src/functions/hello/handler.ts',
      'src/functions/hello/schema.ts',
      'src/core/hello.ts',
      'test/unit/hello.test.ts',
      'test/integration/hello.handler.test.ts',
      'test/infrastructure/cloudformation.test.ts',
      'test/fixtures/lambda-context.ts',
      'test/fixtures/local-settings.ts',
      'params/local.yml',
      'params/dev.yml',
    ]) {
      expect({ file, exists: tree.exists(`${root}/${file}`) }).toEqual({ file, exists: true });
    }
    expect(tree.read(`${root}/src/functions/hello/handler.ts`, 'utf-8')).toContain(
      'export const handler = http({ settings, input: helloInput }',
    );
    expect(tree.read(`${root}/src/settings.ts`, 'utf-8')).toContain("defineSettings({ service: 'billing-service'");
    expect(tree.read(`${root}/tsconfig.json`, 'utf-8')).toContain('"extends": "../../tsconfig.base.json"');
    expect(tree.read(`${root}/params/local.yml`, 'utf-8')).toContain('billing-service/logLevel: debug');
    expect(tree.read(`${root}/README.md`, 'utf-8')).toContain('GET /billing/hello');
    expect(tree.read(`${root}/test/infrastructure/cloudformation.test.ts`, 'utf-8')).toContain(
      'leastPrivilegeProblems(template)',
    );
  });

  it('writes a serverless.yml like the existing services, with the hello endpoint', async () => {
    await serviceGenerator(tree, { name: 'billing-service', team: 'billing', skipInstall: true, skipFormat: true });

    const yml = readYaml<Serverless>(tree, 'services/billing-service/serverless.yml');
    expect(yml.service).toBe('billing-service');
    expect(yml.frameworkVersion).toBe('3');
    expect(yml.plugins).toEqual([
      'serverless-esbuild',
      'serverless-iam-roles-per-function',
      'serverless-offline',
      'serverless-api-gateway-throttling',
      '../../tools/serverless/monitoring-plugin.cjs',
    ]);
    expect(yml.plugins).toEqual(readYaml<Serverless>(tree, 'services/risk-service/serverless.yml').plugins);
    // The shared header, included from the platform's fragment like the existing services do.
    const existing = readYaml<Serverless>(tree, 'services/risk-service/serverless.yml');
    expect(yml.provider).toBe('${file(../../tools/serverless/platform.yml):provider}');
    expect(yml.package).toBe('${file(../../tools/serverless/platform.yml):package}');
    expect(yml.custom.esbuild).toBe('${file(../../tools/serverless/platform.yml):esbuild}');
    expect(yml.custom.readSettings).toBe('${file(../../tools/serverless/platform.yml):readSettings}');
    expect([yml.provider, yml.package, yml.custom.esbuild, yml.custom.readSettings]).toEqual([
      existing.provider,
      existing.package,
      existing.custom.esbuild,
      existing.custom.readSettings,
    ]);
    expect(yml.functions.hello).toEqual({
      handler: 'src/functions/hello/handler.handler',
      timeout: 10,
      events: [{ http: { path: 'billing/hello', method: 'get' } }],
      iamRoleStatements: ['${self:custom.readSettings}'],
    });
  });

  it('throttles every method by default, with the figures in params', async () => {
    await serviceGenerator(tree, { name: 'billing', team: 'billing', skipInstall: true, skipFormat: true });

    const text = tree.read('services/billing-service/serverless.yml', 'utf-8') ?? '';
    const yml = readYaml<Serverless>(tree, 'services/billing-service/serverless.yml');
    expect(yml.params.default).toMatchObject({ throttleRate: 50, throttleBurst: 100 });
    expect(yml.custom.apiGatewayThrottling).toEqual({
      maxRequestsPerSecond: '${param:throttleRate}',
      maxConcurrentRequests: '${param:throttleBurst}',
    });
    // Once, although the hello function (http) goes through the function generator too.
    expect(text.match(/apiGatewayThrottling:/g)).toHaveLength(1);
    expect(text.match(/- serverless-api-gateway-throttling/g)).toHaveLength(1);
    expect(tree.read('services/billing-service/README.md', 'utf-8')).toContain('## Throttling');
  });

  it('takes the next free pair of local ports after the existing services', async () => {
    await serviceGenerator(tree, { name: 'billing', team: 'billing', skipInstall: true, skipFormat: true });
    await serviceGenerator(tree, { name: 'orders', team: 'orders', skipInstall: true, skipFormat: true });

    const ports = (name: string) =>
      readYaml<Serverless>(tree, `services/${name}/serverless.yml`).custom['serverless-offline'];
    expect(ports('billing-service')).toEqual({ httpPort: 3004, lambdaPort: 3104, noPrependStageInUrl: true });
    expect(ports('orders-service')).toMatchObject({ httpPort: 3005, lambdaPort: 3105 });
  });

  it('adds the owning team to CODEOWNERS [Services], sorted', async () => {
    await serviceGenerator(tree, { name: 'billing', team: 'billing', skipInstall: true, skipFormat: true });

    const services = codeownersSection(tree, 'Services');
    expect(services).toContain('/services/billing-service/ @acme/team-billing');
    expect(services).toEqual([...services].sort());
  });

  it('refuses a directory that already exists, naming it', async () => {
    await expect(
      serviceGenerator(tree, { name: 'risk', team: 'risk', skipInstall: true, skipFormat: true }),
    ).rejects.toThrow('services/risk-service already exists');
    expect(codeownersSection(tree, 'Services').filter((line) => line.includes('risk-service'))).toHaveLength(1);
  });

  it('refuses a name that is not kebab-case and writes nothing', async () => {
    const before = tree.listChanges().length;

    await expect(
      serviceGenerator(tree, { name: 'Billing_Service', team: 'billing', skipInstall: true }),
    ).rejects.toThrow(/not kebab-case/);
    expect(tree.listChanges()).toHaveLength(before);
  });

  it('refuses a team that is not kebab-case', async () => {
    await expect(serviceGenerator(tree, { name: 'billing', team: 'Team Billing', skipInstall: true })).rejects.toThrow(
      'The team "Team Billing" is not kebab-case',
    );
  });

  it('returns an install task that does nothing with skipInstall', async () => {
    const install = await serviceGenerator(tree, {
      name: 'billing',
      team: 'billing',
      skipInstall: true,
      skipFormat: true,
    });

    expect(() => install()).not.toThrow();
  });
});
