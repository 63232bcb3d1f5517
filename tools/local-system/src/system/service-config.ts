import { execFile } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import type { CfnResource } from './provision-resources.js';

/** An SQS event of a function, as serverless.yml declares it. */
export interface SqsEventConfig {
  arn: unknown;
  batchSize?: number;
  maximumBatchingWindow?: number;
  maximumConcurrency?: number;
  functionResponseType?: string;
}

/** Throttling as serverless-api-gateway-throttling reads it (stage-wide or on one http event). */
export interface HttpThrottlingConfig {
  maxRequestsPerSecond?: number;
  /** API Gateway's burst limit. */
  maxConcurrentRequests?: number;
  /** Events only: no method limit (the account's still applies). */
  disabled?: boolean;
}

/** An `http` (REST API) event of a function: `{ path, method }` or the short form `GET path`. */
export interface HttpEventConfig {
  path: string;
  method: string;
  throttling?: HttpThrottlingConfig;
}

/** The parts of a resolved serverless.yml the local system uses. */
export interface ServiceConfig {
  service: string;
  provider: { stage?: string; timeout?: number };
  functions: Record<
    string,
    {
      timeout?: number;
      reservedConcurrency?: number;
      events?: Array<{ sqs?: SqsEventConfig; http?: HttpEventConfig | string; [event: string]: unknown }>;
    }
  >;
  resources?: { Resources?: Record<string, CfnResource> };
  plugins?: string[];
  custom?: {
    'serverless-offline'?: { httpPort?: number; lambdaPort?: number };
    /** Every method's default limits (serverless-api-gateway-throttling). */
    apiGatewayThrottling?: HttpThrottlingConfig;
  };
}

/** The Serverless Framework v3 CLI of this workspace. */
export const SERVERLESS_BIN = join(
  dirname(createRequire(import.meta.url).resolve('serverless/package.json')),
  'bin',
  'serverless.js',
);

/** The environment every Serverless Framework call gets: no telemetry, no notifications. */
export const SERVERLESS_ENV = { SLS_TELEMETRY_DISABLED: '1', SLS_NOTIFICATIONS_MODE: 'off' } as const;

/** Resolves a service's serverless.yml for a stage (`serverless print`), variables filled in. */
export const loadServiceConfig = async (serviceDir: string, stage: string): Promise<ServiceConfig> => {
  const { stdout } = await promisify(execFile)(
    process.execPath,
    [SERVERLESS_BIN, 'print', '--stage', stage, '--format', 'json'],
    { cwd: serviceDir, env: { ...process.env, ...SERVERLESS_ENV }, maxBuffer: 16 * 1024 * 1024 },
  );
  return JSON.parse(stdout) as ServiceConfig;
};
