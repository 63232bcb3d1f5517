export { startLocalCloud, DEFAULT_PORT, DEFAULT_REGION } from './local-cloud.js';
export type { LocalCloud, LocalCloudOptions } from './local-cloud.js';
export { startPostgres, freePort } from './postgres/postgres-service.js';
export type { PostgresOptions, PostgresService } from './postgres/postgres-service.js';
export { AwsError } from './aws-error.js';
export { FaultInjector } from './fault-injector.js';
export type { FaultAction, FaultRule } from './fault-injector.js';
export { startEventSourceMapping } from './esm/event-source-mapping.js';
export type { EventSourceMapping } from './esm/event-source-mapping.js';
export type { EventSourceMappingOptions } from './esm/event-source-mapping-options.js';
export type { EventSourceMappingLogger, EventSourceMappingStats } from './esm/types.js';
export type { SqsEvent, SqsRecord, SqsRecordAttributes, SqsRecordMessageAttribute } from './esm/sqs-event.js';
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
export { loadServiceConfig } from './system/service-config.js';
export type { HttpEventConfig, HttpThrottlingConfig, ServiceConfig } from './system/service-config.js';
export { startServerlessOffline } from './system/serverless-offline.js';
export type { ServerlessOffline, ServerlessOfflineOptions } from './system/serverless-offline.js';
export { startHttpServer, sendJson } from './testing/http-stub.js';
export type { TestServer } from './testing/http-stub.js';
export { readParamsFile, ParamsFileError } from './system/seed-parameters.js';
export type { DesiredParameter, ParameterEntry } from './system/seed-parameters.js';
