/** A CloudFormation resource of `resources.Resources`; intrinsics in their long form (`{ Ref: … }`). */
export interface CfnResource {
  Type: string;
  Properties?: Record<string, unknown>;
  [key: string]: unknown;
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
  [key: string]: unknown;
}

/** An SQS event of a function, as serverless.yml declares it. */
export interface SqsEventConfig {
  arn: unknown;
  batchSize?: number;
  maximumBatchingWindow?: number;
  maximumConcurrency?: number;
  functionResponseType?: string;
  [key: string]: unknown;
}

/** One event of a function (`http`, `sqs`, `schedule`, …). */
export interface FunctionEvent {
  http?: HttpEventConfig | string;
  sqs?: SqsEventConfig;
  [event: string]: unknown;
}

/** One entry of `functions`. */
export interface FunctionManifest {
  /** `src/functions/x/handler.handler`: the file (without extension) and the export. */
  handler: string;
  timeout?: number;
  memorySize?: number;
  reservedConcurrency?: number;
  events?: FunctionEvent[];
  iamRoleStatements?: unknown[];
  [key: string]: unknown;
}

/** `custom.esbuild`: esbuild's options and serverless-esbuild's own. */
export type EsbuildConfig = Record<string, unknown> & {
  outputFileExtension?: string;
  exclude?: string[];
  /** A file (relative to the service) that exports an array of esbuild plugins. */
  plugins?: string;
};

/**
 * A service's serverless.yml as data: includes resolved, `resources` merged into one mapping (as
 * Serverless merges a list of parts). Values a variable sets are only typed as written here when
 * the manifest was read for a stage; otherwise they are the variable's text.
 */
export interface ServiceManifest {
  service: string;
  frameworkVersion?: string;
  plugins?: string[];
  /** `params.<stage>` over `params.default`, what `${param:…}` reads. */
  params?: Record<string, Record<string, unknown>>;
  provider: {
    name?: string;
    runtime?: string;
    stage?: string;
    region?: string;
    timeout?: number;
    memorySize?: number;
    environment?: Record<string, unknown>;
    [key: string]: unknown;
  };
  package?: Record<string, unknown>;
  custom?: {
    esbuild?: EsbuildConfig;
    'serverless-offline'?: { httpPort?: number; lambdaPort?: number; [key: string]: unknown };
    /** Every method's default limits (serverless-api-gateway-throttling). */
    apiGatewayThrottling?: HttpThrottlingConfig;
    [key: string]: unknown;
  };
  functions: Record<string, FunctionManifest>;
  resources?: {
    Resources?: Record<string, CfnResource>;
    Outputs?: Record<string, unknown>;
    [key: string]: unknown;
  };
  [key: string]: unknown;
}
