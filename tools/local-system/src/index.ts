export { startEventSourceMapping } from './event-source-mapping/event-source-mapping.js';
export type { EventSourceMapping } from './event-source-mapping/event-source-mapping.js';
export type { EventSourceMappingOptions } from './event-source-mapping/event-source-mapping-options.js';
export type { EventSourceMappingLogger, EventSourceMappingStats } from './event-source-mapping/types.js';
export type {
  SqsEvent,
  SqsRecord,
  SqsRecordAttributes,
  SqsRecordMessageAttribute,
} from './event-source-mapping/sqs-event.js';
export { startSystem } from './system/start-system.js';
export type { LocalSystem, RunningService, SystemOptions } from './system/start-system.js';
export { readGatewayResponses, startApiGateway } from './system/api-gateway.js';
export type {
  ApiGateway,
  ApiGatewayOptions,
  FunctionGatewayStats,
  GatewayAnswer,
  GatewayRoute,
} from './system/api-gateway.js';
export { gatewayRoutes, methodThrottling } from './system/gateway-routes.js';
export { createGatewayThrottle } from './system/gateway-throttle.js';
export type { GatewayThrottle, GatewayThrottleOptions, ThrottledRoute } from './system/gateway-throttle.js';
export { ACCOUNT_THROTTLE_LIMITS, TokenBucket, takeFromAll } from './system/token-bucket.js';
export type { Clock, ThrottleLimits } from './system/token-bucket.js';
export { startServerlessOffline } from './system/serverless-offline.js';
export type { ServerlessOffline, ServerlessOfflineOptions } from './system/serverless-offline.js';
