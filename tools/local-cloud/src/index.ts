export { startLocalCloud, DEFAULT_PORT, DEFAULT_REGION } from './local-cloud.js';
export type { LocalCloud, LocalCloudOptions } from './local-cloud.js';
export { startPostgres, freePort } from './postgres/postgres-service.js';
export type { PostgresOptions, PostgresService } from './postgres/postgres-service.js';
export { AwsError } from './aws-error.js';
export { FaultInjector } from './fault-injector.js';
export type { FaultRule } from './fault-injector.js';
