import { existsSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from '@jest/globals';
import { ACCOUNT_THROTTLE_LIMITS, gatewayRoutes, type GatewayRoute } from '@platform/local-system';
import { readServiceManifest, type ServiceManifest } from '@platform/service-manifest';
import { WORKSPACE_ROOT } from '../support/workspace-clone.js';

/** The stages whose figures differ: dev and review stages take `params.default`. */
const STAGES = ['dev', 'prod', 'local'] as const;

interface Resolved {
  service: string;
  stage: string;
  config: ServiceManifest;
  routes: GatewayRoute[];
}

/**
 * Every service's serverless.yml, resolved per stage by the reader the local system uses
 * (`readServiceManifest`, held to `serverless print` by its own test), so what is checked is what
 * `npm start` enforces and the plugin deploys.
 */
describe('API Gateway throttling of every service (serverless-api-gateway-throttling)', () => {
  const resolved: Resolved[] = [];

  beforeAll(async () => {
    const services = (await readdir(join(WORKSPACE_ROOT, 'services'))).filter((name) =>
      existsSync(join(WORKSPACE_ROOT, 'services', name, 'serverless.yml')),
    );
    for (const service of services) {
      for (const stage of STAGES) {
        const config = readServiceManifest(join(WORKSPACE_ROOT, 'services', service), { stage });
        resolved.push({ service, stage, config, routes: gatewayRoutes(config, stage) });
      }
    }
  });

  const withHttp = () => resolved.filter((entry) => entry.routes.length > 0);

  it('finds the three services, each with http endpoints', () => {
    expect([...new Set(withHttp().map((entry) => entry.service))]).toEqual(
      expect.arrayContaining(['auth-service', 'fetch-service', 'risk-service']),
    );
  });

  it('loads the plugin and sets stage-wide figures wherever there is an http event', () => {
    for (const { service, stage, config } of withHttp()) {
      const stageDefault = config.custom?.apiGatewayThrottling;
      expect({ service, stage, plugin: config.plugins?.includes('serverless-api-gateway-throttling') }).toEqual({
        service,
        stage,
        plugin: true,
      });
      expect({ service, stage, stageDefault }).toEqual({
        service,
        stage,
        stageDefault: { maxRequestsPerSecond: expect.any(Number), maxConcurrentRequests: expect.any(Number) },
      });
    }
  });

  it('throttles every http event, with its own figures or the stage default', () => {
    for (const { service, stage, routes } of withHttp()) {
      for (const route of routes) {
        expect({ service, stage, route: `${route.method} ${route.path}`, throttling: route.throttling }).toEqual({
          service,
          stage,
          route: `${route.method} ${route.path}`,
          throttling: { rateLimit: expect.any(Number), burstLimit: expect.any(Number) },
        });
        expect(route.throttling?.rateLimit).toBeGreaterThan(0);
        expect(route.throttling?.burstLimit).toBeGreaterThanOrEqual(1);
      }
    }
  });

  it("only tightens: no endpoint above its stage default, no stage default above the account's", () => {
    for (const { service, stage, config, routes } of withHttp()) {
      const stageDefault = config.custom?.apiGatewayThrottling ?? {};
      expect(stageDefault.maxRequestsPerSecond).toBeLessThanOrEqual(ACCOUNT_THROTTLE_LIMITS.rateLimit);
      expect(stageDefault.maxConcurrentRequests).toBeLessThanOrEqual(ACCOUNT_THROTTLE_LIMITS.burstLimit);
      const over = routes.filter(
        (route) =>
          (route.throttling?.rateLimit ?? Infinity) > (stageDefault.maxRequestsPerSecond ?? 0) ||
          (route.throttling?.burstLimit ?? Infinity) > (stageDefault.maxConcurrentRequests ?? 0),
      );
      expect({ service, stage, over }).toEqual({ service, stage, over: [] });
    }
  });

  it('admits no burst larger than a function’s reserved concurrency (it would only meet Lambda throttles)', () => {
    for (const { stage, routes } of withHttp()) {
      const over = routes.filter(
        (route) =>
          route.reservedConcurrency !== undefined &&
          (route.throttling?.burstLimit ?? Infinity) > route.reservedConcurrency,
      );
      expect({ stage, over }).toEqual({ stage, over: [] });
    }
  });

  it("throttles auth-service's scrypt endpoints below what their reserved concurrency can hash", () => {
    for (const { stage, routes } of resolved.filter((entry) => entry.service === 'auth-service')) {
      const limits = Object.fromEntries(routes.map((route) => [`${route.method} ${route.path}`, route.throttling]));
      expect({ stage, token: limits['POST auth/token'], register: limits['POST auth/users'] }).toEqual({
        stage,
        token: { rateLimit: 20, burstLimit: 10 },
        register: { rateLimit: 5, burstLimit: 5 },
      });
    }
  });
});
