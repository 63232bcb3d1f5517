import { createRequire } from 'node:module';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { WORKSPACE_ROOT } from '../support/workspace-clone.js';

/** The plugin as `serverless` loads it: from the workspace's node_modules, patched by `npm ci`. */
const requirePlugin = createRequire(join(WORKSPACE_ROOT, 'package.json'));
const PLUGIN = 'serverless-api-gateway-throttling/src/apiGatewayThrottlingPlugin.js';

/** A Serverless instance at `before:package:finalize` of a service with a REST API; `request` must not be called. */
const packagingService = () => {
  const calls: string[] = [];
  const serverless = {
    service: {
      custom: { apiGatewayThrottling: { maxRequestsPerSecond: 10, maxConcurrentRequests: 20 } },
      functions: {},
      getAllFunctions: () => [],
      provider: {
        stage: 'dev',
        region: 'eu-west-1',
        compiledCloudFormationTemplate: {
          Resources: { ApiGatewayRestApi: { Type: 'AWS::ApiGateway::RestApi' } },
          Outputs: {},
        },
      },
    },
    cli: { log: () => undefined },
    providers: { aws: { request: async (service: string, method: string) => calls.push(`${service}.${method}`) } },
    getProvider: () => ({ request: async (service: string, method: string) => calls.push(`${service}.${method}`) }),
    configSchemaHandler: { defineFunctionEventProperties: () => undefined, defineCustomProperties: () => undefined },
  };
  return { serverless, calls };
};

/** patches/serverless-api-gateway-throttling+2.0.3.patch: each case fails on the unpatched plugin. */
describe('the serverless-api-gateway-throttling patch', () => {
  it('leaves String.prototype.replaceAll native for the whole Serverless process', () => {
    requirePlugin(PLUGIN);
    expect(String.prototype.replaceAll.toString()).toContain('[native code]');
    expect('a-1/b-2'.replaceAll(/(\w)-(\d)/g, '$2$1')).toBe('1a/2b');
  });

  it('makes no AWS call while packaging: the compiled template says there is a REST API', async () => {
    const Plugin = requirePlugin(PLUGIN) as new (
      serverless: unknown,
      options: unknown,
    ) => {
      hooks: Record<string, () => Promise<void> | void>;
    };
    const { serverless, calls } = packagingService();
    const plugin = new Plugin(serverless, { stage: 'dev', region: 'eu-west-1' });
    await plugin.hooks['before:package:initialize']?.();
    await plugin.hooks['before:package:finalize']?.();
    expect(calls).toEqual([]);
    expect(serverless.service.provider.compiledCloudFormationTemplate.Outputs).toHaveProperty(
      'RestApiIdForApigThrottling',
    );
  });
});
