import { Agent as HttpAgent } from 'node:http';
import { Agent as HttpsAgent } from 'node:https';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import type { AwsClientOptions, ClientTimeouts } from './types.js';

/** Per-service timeouts: SQS's allows a 20 s long poll; SSM and DynamoDB fail fast. */
export const TIMEOUTS = {
  ssm: { connectionTimeoutMs: 1_000, requestTimeoutMs: 3_000 },
  dynamodb: { connectionTimeoutMs: 1_000, requestTimeoutMs: 3_000 },
  sqs: { connectionTimeoutMs: 1_000, requestTimeoutMs: 25_000 },
} as const satisfies Record<string, ClientTimeouts>;

const DEFAULT_MAX_ATTEMPTS = 3;
const MAX_SOCKETS = 50;

/**
 * The configuration every platform client is built with: keep-alive sockets (a warm Lambda
 * reuses its TLS connections), explicit timeouts, standard retries, and only the overrides given
 * (endpoint and region otherwise come from the standard environment).
 *
 * The timeouts fail the call: `@smithy/node-http-handler` only logs a warning when
 * `requestTimeout` passes unless `throwOnRequestTimeout` is set, so a server that accepts the
 * connection and never answers would otherwise hold the caller forever. `socketTimeout` ends a
 * socket that stays silent that long (a response that stalls half-way). A timed-out attempt is a
 * `TimeoutError`, which the standard retry mode retries up to `maxAttempts`.
 */
export const clientConfig = (timeouts: ClientTimeouts, options: AwsClientOptions = {}) => ({
  ...(options.endpoint ? { endpoint: options.endpoint } : {}),
  ...(options.region ? { region: options.region } : {}),
  ...(options.credentials ? { credentials: options.credentials } : {}),
  maxAttempts: options.maxAttempts ?? DEFAULT_MAX_ATTEMPTS,
  retryMode: 'standard',
  requestHandler: new NodeHttpHandler({
    httpAgent: new HttpAgent({ keepAlive: true, maxSockets: MAX_SOCKETS }),
    httpsAgent: new HttpsAgent({ keepAlive: true, maxSockets: MAX_SOCKETS }),
    connectionTimeout: timeouts.connectionTimeoutMs,
    requestTimeout: timeouts.requestTimeoutMs,
    throwOnRequestTimeout: true,
    socketTimeout: timeouts.requestTimeoutMs,
  }),
});
