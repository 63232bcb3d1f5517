import type { GatewayRoute } from './api-gateway.js';
import type { HttpThrottlingConfig, ServiceManifest } from '@platform/service-manifest';
import { ACCOUNT_THROTTLE_LIMITS, type ThrottleLimits } from './token-bucket.js';

/**
 * A method's limits as serverless-api-gateway-throttling deploys them: nothing without
 * `custom.apiGatewayThrottling` (the plugin then does nothing, and only the account's limits
 * apply); else the event's own `throttling`, each figure falling back to the stage default, which
 * itself falls back to the account's 10,000/s and 5,000; `throttling.disabled` lifts the method's
 * limit (the plugin sets -1).
 */
export const methodThrottling = (
  stageDefault: HttpThrottlingConfig | undefined,
  event: HttpThrottlingConfig | undefined,
): ThrottleLimits | undefined => {
  if (!stageDefault) return undefined;
  if (event?.disabled === true) return undefined;
  // `||` and `??` as the plugin has them: a stage figure of 0 means its default, an event's 0 is 0.
  const stageRate = Number(stageDefault.maxRequestsPerSecond || ACCOUNT_THROTTLE_LIMITS.rateLimit);
  const stageBurst = Number(stageDefault.maxConcurrentRequests || ACCOUNT_THROTTLE_LIMITS.burstLimit);
  return {
    rateLimit: Number(event?.maxRequestsPerSecond ?? stageRate),
    burstLimit: Number(event?.maxConcurrentRequests ?? stageBurst),
  };
};

/**
 * The REST API routes of a serverless.yml read for a stage (`readServiceManifest`), as the local API Gateway
 * serves them: method, path, the function's name and `reservedConcurrency`, and the method's
 * throttling limits.
 *
 * @example
 * const routes = gatewayRoutes(readServiceManifest('services/auth-service', { stage: 'local' }), 'local');
 */
export const gatewayRoutes = (config: ServiceManifest, stage: string): GatewayRoute[] =>
  Object.entries(config.functions ?? {}).flatMap(([name, fn]) =>
    (fn.events ?? []).flatMap((event) => {
      if (!event.http) return [];
      const [method, path] =
        typeof event.http === 'string' ? event.http.trim().split(/\s+/, 2) : [event.http.method, event.http.path];
      const throttling = methodThrottling(
        config.custom?.apiGatewayThrottling,
        typeof event.http === 'string' ? undefined : event.http.throttling,
      );
      return [
        {
          method: String(method).toUpperCase(),
          path: String(path),
          functionName: `${config.service}-${stage}-${name}`,
          ...(fn.reservedConcurrency === undefined ? {} : { reservedConcurrency: fn.reservedConcurrency }),
          ...(throttling ? { throttling } : {}),
        },
      ];
    }),
  );
