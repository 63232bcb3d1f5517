import { describe, expect, it } from '@jest/globals';
import type { ServiceManifest } from '@platform/service-manifest';
import { gatewayRoutes, methodThrottling } from '../src/index.js';

const config = (custom: ServiceManifest['custom']): ServiceManifest => ({
  service: 'svc',
  provider: {},
  ...(custom ? { custom } : {}),
  functions: {
    create: {
      handler: 'src/functions/create/handler.handler',
      reservedConcurrency: 5,
      events: [
        { http: { path: 'items', method: 'post', throttling: { maxRequestsPerSecond: 5, maxConcurrentRequests: 2 } } },
      ],
    },
    list: { handler: 'src/functions/list/handler.handler', events: [{ http: 'GET items' }] },
    consume: {
      handler: 'src/functions/consume/handler.handler',
      events: [{ sqs: { arn: 'arn:aws:sqs:eu-west-1:000000000000:q' } }],
    },
  },
});

describe('gatewayRoutes', () => {
  it('gives each http event its method, path, function, reserved concurrency and throttling', () => {
    const routes = gatewayRoutes(
      config({ apiGatewayThrottling: { maxRequestsPerSecond: 50, maxConcurrentRequests: 100 } }),
      'local',
    );

    expect(routes).toEqual([
      {
        method: 'POST',
        path: 'items',
        functionName: 'svc-local-create',
        reservedConcurrency: 5,
        throttling: { rateLimit: 5, burstLimit: 2 },
      },
      { method: 'GET', path: 'items', functionName: 'svc-local-list', throttling: { rateLimit: 50, burstLimit: 100 } },
    ]);
  });

  it('leaves every method without a limit of its own when the service sets no stage default', () => {
    const routes = gatewayRoutes(config(undefined), 'local');

    expect(routes.map((route) => route.throttling)).toEqual([undefined, undefined]);
  });
});

describe('methodThrottling', () => {
  it('reads figures as serverless-api-gateway-throttling does', () => {
    const stage = { maxRequestsPerSecond: 50, maxConcurrentRequests: 100 };

    expect({
      inherited: methodThrottling(stage, undefined),
      onlyRate: methodThrottling(stage, { maxRequestsPerSecond: 5 }),
      zero: methodThrottling(stage, { maxRequestsPerSecond: 0, maxConcurrentRequests: 0 }),
      disabled: methodThrottling(stage, { disabled: true }),
      stageWithoutFigures: methodThrottling({}, undefined),
      noStageDefault: methodThrottling(undefined, { maxRequestsPerSecond: 5 }),
    }).toEqual({
      inherited: { rateLimit: 50, burstLimit: 100 },
      onlyRate: { rateLimit: 5, burstLimit: 100 },
      zero: { rateLimit: 0, burstLimit: 0 },
      disabled: undefined,
      stageWithoutFigures: { rateLimit: 10_000, burstLimit: 5_000 },
      noStageDefault: undefined,
    });
  });
});
