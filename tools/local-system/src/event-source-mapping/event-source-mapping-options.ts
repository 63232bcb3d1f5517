import type { SQSClient } from '@aws-sdk/client-sqs';
import { isFifoQueue } from './fifo-batch.js';
import { consoleLogger, type EventSourceMappingLogger } from './types.js';

/** Options for `startEventSourceMapping`; the limits are AWS's unless said otherwise. */
export interface EventSourceMappingOptions {
  /** The function to invoke; under serverless-offline `<service>-<stage>-<function>`. */
  functionName: string;
  /** The Lambda API endpoint, e.g. serverless-offline's `http://127.0.0.1:3002`. */
  invokeEndpoint: string;
  queueUrl: string;
  /** An SQS client to use (left open on stop); otherwise one is made from the options below. */
  sqs?: SQSClient;
  /** The SQS endpoint, e.g. the local cloud's; the SDK's own resolution (`AWS_ENDPOINT_URL`) when absent. */
  sqsEndpoint?: string;
  /** Default `us-east-1`. */
  region?: string;
  /** Default: `local` / `local`, which the local cloud and serverless-offline accept. */
  credentials?: { accessKeyId: string; secretAccessKey: string; sessionToken?: string };
  /** Records per invocation, 1–10000 (FIFO queues 1–10); default 10. Above 10 needs a batching window of at least 1 s. */
  batchSize?: number;
  /** Seconds to keep gathering records once the first arrived, 0–300 (FIFO queues: 0 only); default 0. */
  maximumBatchingWindowInSeconds?: number;
  /** Invocations running at once; AWS allows 2–1000, 1 is accepted here too (strict ordering tests). Default 5. */
  maximumConcurrency?: number;
  /** Read `{ batchItemFailures }` from the response (AWS's `ReportBatchItemFailures`); default `false`. */
  reportBatchItemFailures?: boolean;
  /** An invocation unanswered after this many seconds failed, 1–900; default 900 (Lambda's maximum). */
  functionTimeoutSeconds?: number;
  /** Default: the console. */
  logger?: EventSourceMappingLogger;
}

/** The options with every default filled in. */
export type ResolvedMappingOptions = Required<Omit<EventSourceMappingOptions, 'sqs' | 'sqsEndpoint'>> &
  Pick<EventSourceMappingOptions, 'sqs' | 'sqsEndpoint'> & {
    /** Whether the function timeout was given (then checked against the queue's visibility timeout). */
    timeoutGiven: boolean;
  };

/** The defaults of every optional setting. */
export const MAPPING_DEFAULTS = {
  region: 'us-east-1',
  credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  batchSize: 10,
  maximumBatchingWindowInSeconds: 0,
  maximumConcurrency: 5,
  reportBatchItemFailures: false,
  functionTimeoutSeconds: 900,
  logger: consoleLogger,
} as const;

const requireInteger = (name: string, value: number, min: number, max: number): void => {
  if (typeof value !== 'number' || !Number.isInteger(value))
    throw new TypeError(`${name} must be an integer, got ${String(value)}.`);
  if (value < min || value > max) throw new RangeError(`${name} must be between ${min} and ${max}, got ${value}.`);
};

const requireUrl = (name: string, value: unknown): void => {
  if (typeof value !== 'string' || !URL.canParse(value))
    throw new TypeError(`${name} must be a URL, got ${String(value)}.`);
};

const definedOnly = <T extends object>(value: T): Partial<T> =>
  Object.fromEntries(Object.entries(value).filter(([, entry]) => entry !== undefined)) as Partial<T>;

/**
 * Fills in the defaults and validates the options, throwing a `TypeError` or `RangeError` that
 * names the first wrong one.
 *
 * @example
 * const settings = resolveMappingOptions({ functionName: 'svc-dev-consumer', invokeEndpoint, queueUrl });
 * settings.batchSize; // 10
 */
export const resolveMappingOptions = (options: EventSourceMappingOptions): ResolvedMappingOptions => {
  const settings = {
    ...MAPPING_DEFAULTS,
    ...definedOnly(options),
    timeoutGiven: options.functionTimeoutSeconds !== undefined,
  };
  if (typeof settings.functionName !== 'string' || settings.functionName === '')
    throw new TypeError('functionName is required.');
  requireUrl('invokeEndpoint', settings.invokeEndpoint);
  requireUrl('queueUrl', settings.queueUrl);
  if (settings.sqsEndpoint !== undefined) requireUrl('sqsEndpoint', settings.sqsEndpoint);
  requireInteger('batchSize', settings.batchSize, 1, 10_000);
  requireInteger('maximumBatchingWindowInSeconds', settings.maximumBatchingWindowInSeconds, 0, 300);
  // AWS's "Lambda parameters for Amazon SQS event source mappings": for FIFO queues BatchSize is
  // at most 10 and "Batching window is not supported".
  if (isFifoQueue(String(settings.queueUrl))) {
    if (settings.batchSize > 10)
      throw new RangeError(
        `A FIFO queue takes a batchSize of at most 10 (as AWS requires), got ${settings.batchSize}.`,
      );
    if (settings.maximumBatchingWindowInSeconds > 0)
      throw new RangeError(
        'A FIFO queue takes no batching window (as AWS requires): maximumBatchingWindowInSeconds must be 0.',
      );
  }
  if (settings.batchSize > 10 && settings.maximumBatchingWindowInSeconds < 1) {
    throw new RangeError('A batchSize above 10 needs maximumBatchingWindowInSeconds of at least 1 (as AWS requires).');
  }
  requireInteger('maximumConcurrency', settings.maximumConcurrency, 1, 1000);
  requireInteger('functionTimeoutSeconds', settings.functionTimeoutSeconds, 1, 900);
  if (typeof settings.reportBatchItemFailures !== 'boolean')
    throw new TypeError('reportBatchItemFailures must be a boolean.');
  return settings as ResolvedMappingOptions;
};
