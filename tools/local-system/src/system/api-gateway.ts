import { randomUUID } from 'node:crypto';
import { createServer, request as httpRequest, type IncomingMessage, type ServerResponse } from 'node:http';
import { once } from 'node:events';
import { availableParallelism } from 'node:os';
import { createConcurrencyLimit, type ConcurrencyLimit } from '../event-source-mapping/concurrency-limit.js';
import type { CfnResource } from './provision-resources.js';
import { createGatewayThrottle } from './gateway-throttle.js';
import type { Clock, ThrottleLimits, TokenBucket } from './token-bucket.js';

/** One `http` event of a function: what the gateway routes to it. */
export interface GatewayRoute {
  /** `GET`, `POST`, … or `ANY`. */
  method: string;
  /** As serverless.yml writes it: `financial-risk/{companyId}`, `{proxy+}`. */
  path: string;
  functionName: string;
  /** The function's `reservedConcurrency`, if serverless.yml sets one. */
  reservedConcurrency?: number;
  /**
   * The method's throttling (its own `throttling:` or the stage default, see `gatewayRoutes`);
   * absent, only the account's limits apply. An `ANY` route has one bucket per HTTP method, as the
   * plugin configures each of them.
   */
  throttling?: ThrottleLimits;
}

/** A Gateway Response as API Gateway would send it. */
export interface GatewayAnswer {
  statusCode: number;
  headers: Record<string, string>;
  /** The `application/json` template; `$context.requestId` is filled in per answer. */
  body: string;
}

/** Options of {@link startApiGateway}. */
export interface ApiGatewayOptions {
  /** Where clients connect (the service's `custom.serverless-offline.httpPort`). */
  port: number;
  /** serverless-offline's own HTTP server, behind this one. */
  upstream: string;
  routes: readonly GatewayRoute[];
  /** By response type (`THROTTLED`, `DEFAULT_5XX`, …), from the service's GatewayResponse resources. */
  responses: ReadonlyMap<string, GatewayAnswer>;
  /**
   * Concurrent invocations per function on this machine: a function's `reservedConcurrency` when
   * lower, else this. Default {@link LOCAL_DEFAULT_CONCURRENCY}. On AWS every execution environment
   * has its own CPU; here they all share the machine's cores (and one process's libuv thread pool
   * per service), so ten concurrent scrypt logins would starve every other function of the service.
   */
  localConcurrency?: number;
  /** How long an invocation over the limit may wait for a slot before it is shed. Default 1 000. */
  maxWaitMs?: number;
  /** How many may wait per function at once; more are shed at once. Default 100. */
  maxWaiting?: number;
  /** API Gateway's integration timeout. Default 29 000. */
  integrationTimeoutMs?: number;
  /**
   * The account's bucket, which every method of every API in the account (Region) draws from as
   * well as from its own: share one between the gateways of a system. Default: one of this
   * gateway's own with API Gateway's default account limits (10,000/s, burst 5,000).
   */
  accountBucket?: TokenBucket;
  /** The method buckets' clock, in milliseconds (tests pass a manual one). */
  clock?: Clock;
}

/** Counters per function. */
export interface FunctionGatewayStats {
  forwarded: number;
  /** Shed for lack of concurrency (answered as INTEGRATION_FAILURE, as AWS does for a Lambda throttle). */
  throttled: number;
  /** Answered THROTTLED: the method's token bucket was empty. */
  methodThrottled: number;
  /** Answered THROTTLED: the account's token bucket was empty. */
  accountThrottled: number;
  /** Answers of serverless-offline that were not the standard shape, replaced by a Gateway Response. */
  replaced: number;
  inFlight: number;
  maxInFlight: number;
  /** The first few replaced answers (`502 {"errorMessage":…`), to see what went wrong. */
  replacedSamples: string[];
}

/** A running local gateway. */
export interface ApiGateway {
  url: string;
  stats(): Record<string, FunctionGatewayStats>;
  stop(): Promise<void>;
}

/**
 * Two invocations per core, between 2 and 10: serverless-offline runs each concurrent invocation in
 * a worker thread of its own, each a cold start (bundle, source maps, settings, keys) that it
 * counts against the function's timeout, so a dozen booting at once on a 2-core machine time out.
 */
export const LOCAL_DEFAULT_CONCURRENCY = Math.min(10, Math.max(2, 2 * availableParallelism()));

/** API Gateway's (REST API) largest request payload: 10 MB. */
const MAX_PAYLOAD_BYTES = 10 * 1024 * 1024;

const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'transfer-encoding', 'content-length', 'upgrade']);

/**
 * The client's address, when the hop to serverless-offline can keep it. serverless-offline reads
 * `requestContext.identity.sourceIp` off its own connection (as API Gateway reads it off the
 * client's), so the gateway opens that connection from the client's address: any 127.x.y.z on
 * Linux, which is how tests stand for clients on different addresses. Other addresses cannot be
 * bound locally; those requests reach the function as from 127.0.0.1.
 */
const loopbackSourceOf = (req: IncomingMessage): string | undefined => {
  const address = req.socket.remoteAddress?.replace(/^::ffff:/, '');
  return address && /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(address) ? address : undefined;
};

/** `X-Forwarded-For` as API Gateway sends it to the integration: the client's value, then the client. */
const forwardedFor = (req: IncomingMessage): string => {
  const client = req.socket.remoteAddress?.replace(/^::ffff:/, '') ?? '';
  const previous = req.headers['x-forwarded-for'];
  return previous ? `${String(previous)}, ${client}` : client;
};

/** `financial-risk/{companyId}` → a regular expression matching concrete paths. */
const pathPattern = (path: string): RegExp => {
  const segments = path
    .replace(/^\/+|\/+$/g, '')
    .split('/')
    .filter((segment) => segment !== '')
    .map((segment) => {
      if (/^\{[^}]+\+\}$/.test(segment)) return '.+';
      if (/^\{[^}]+\}$/.test(segment)) return '[^/]+';
      return segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    });
  return new RegExp(`^/${segments.join('/')}/?$`);
};

/** Whether a body is the platform's `{ status, message, data }`. */
const isStandardBody = (body: string): boolean => {
  try {
    const parsed = JSON.parse(body) as unknown;
    return (
      typeof parsed === 'object' &&
      parsed !== null &&
      typeof (parsed as { status?: unknown }).status === 'string' &&
      typeof (parsed as { message?: unknown }).message === 'string' &&
      'data' in parsed
    );
  } catch {
    return false;
  }
};

/** Which Gateway Response API Gateway would send for an answer that is not a function's. */
const responseTypeFor = (statusCode: number): string => {
  if (statusCode === 404) return 'MISSING_AUTHENTICATION_TOKEN';
  if (statusCode === 413) return 'REQUEST_TOO_LARGE';
  if (statusCode === 415) return 'UNSUPPORTED_MEDIA_TYPE';
  return statusCode >= 500 ? 'DEFAULT_5XX' : 'DEFAULT_4XX';
};

/**
 * Reads a service's `AWS::ApiGateway::GatewayResponse` resources (its resolved serverless.yml)
 * into what the local gateway answers: status code, `gatewayresponse.header.*` values and the
 * `application/json` template.
 */
export const readGatewayResponses = (resources: Record<string, CfnResource>): Map<string, GatewayAnswer> => {
  const answers = new Map<string, GatewayAnswer>();
  for (const resource of Object.values(resources)) {
    if (resource.Type !== 'AWS::ApiGateway::GatewayResponse') continue;
    const properties = resource.Properties ?? {};
    const type = String(properties.ResponseType);
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries((properties.ResponseParameters ?? {}) as Record<string, unknown>)) {
      const header = /^gatewayresponse\.header\.(.+)$/.exec(name)?.[1];
      // Static values are quoted: "'1'".
      if (header && typeof value === 'string') headers[header.toLowerCase()] = value.replace(/^'|'$/g, '');
    }
    const templates = (properties.ResponseTemplates ?? {}) as Record<string, unknown>;
    answers.set(type, {
      statusCode: Number(properties.StatusCode ?? 500),
      headers,
      body: String(templates['application/json'] ?? ''),
    });
  }
  return answers;
};

/**
 * The local stand-in for API Gateway in front of serverless-offline, so `npm start` sheds load and
 * answers like a deployed stack:
 * - API Gateway's request throttling: each method draws a token from its own bucket (its
 *   `throttling`) and from the account's; a request that finds either empty gets the THROTTLED
 *   Gateway Response (429 with Retry-After in the platform's fragment) and never reaches the function;
 * - each function runs at most `reservedConcurrency` invocations at once, and at most
 *   `localConcurrency` on this machine; one over the limit waits up to `maxWaitMs` (at most `maxWaiting` of them), then gets
 *   the INTEGRATION_FAILURE Gateway Response (AWS's answer to a Lambda throttle; 429 with
 *   Retry-After in the platform's fragment), never an unbounded queue;
 * - a route that does not exist gets MISSING_AUTHENTICATION_TOKEN (what a REST API sends); a body
 *   over API Gateway's 10 MB limit gets REQUEST_TOO_LARGE;
 * - an answer of serverless-offline itself (a function that crashed or timed out, its own 404)
 *   rather than the function's standard body gets DEFAULT_5XX / DEFAULT_4XX; no answer within
 *   `integrationTimeoutMs` gets INTEGRATION_TIMEOUT.
 * Function answers in the standard shape pass through untouched.
 */
export const startApiGateway = async (options: ApiGatewayOptions): Promise<ApiGateway> => {
  const throttle = createGatewayThrottle({
    ...(options.accountBucket ? { accountBucket: options.accountBucket } : {}),
    ...(options.clock ? { clock: options.clock } : {}),
  });
  const localConcurrency = options.localConcurrency ?? LOCAL_DEFAULT_CONCURRENCY;
  const maxWaitMs = options.maxWaitMs ?? 1_000;
  const maxWaiting = options.maxWaiting ?? 100;
  const integrationTimeoutMs = options.integrationTimeoutMs ?? 29_000;
  const routes = options.routes.map((route) => ({ ...route, pattern: pathPattern(route.path) }));
  const limits = new Map<string, ConcurrencyLimit>();
  const counters = new Map<string, FunctionGatewayStats>();
  for (const route of routes) {
    if (!limits.has(route.functionName)) {
      limits.set(
        route.functionName,
        createConcurrencyLimit(Math.min(route.reservedConcurrency ?? Infinity, localConcurrency)),
      );
      counters.set(route.functionName, {
        forwarded: 0,
        throttled: 0,
        methodThrottled: 0,
        accountThrottled: 0,
        replaced: 0,
        inFlight: 0,
        maxInFlight: 0,
        replacedSamples: [],
      });
    }
  }

  const answer = (res: ServerResponse, type: string): void => {
    const found =
      options.responses.get(type) ??
      options.responses.get(type.startsWith('DEFAULT_4') ? 'DEFAULT_4XX' : 'DEFAULT_5XX');
    const requestId = randomUUID();
    const body = (found?.body ?? '{"message":"Internal server error"}').replaceAll('$context.requestId', requestId);
    res.writeHead(found?.statusCode ?? 500, {
      'content-type': 'application/json',
      ...found?.headers,
      'x-amzn-errortype': type,
      'x-amzn-requestid': requestId,
    });
    res.end(body);
  };

  const forward = (req: IncomingMessage, res: ServerResponse, body: Buffer, stats: FunctionGatewayStats) =>
    new Promise<void>((resolve) => {
      const upstream = httpRequest(
        new URL(req.url ?? '/', options.upstream),
        {
          method: req.method,
          headers: { ...req.headers, host: new URL(options.upstream).host, 'x-forwarded-for': forwardedFor(req) },
          localAddress: loopbackSourceOf(req),
        },
        (response) => {
          const chunks: Buffer[] = [];
          response.on('data', (chunk: Buffer) => chunks.push(chunk));
          response.on('error', () => {
            answer(res, 'DEFAULT_5XX');
            resolve();
          });
          response.on('end', () => {
            const text = Buffer.concat(chunks).toString('utf8');
            const statusCode = response.statusCode ?? 502;
            if (statusCode >= 400 && !isStandardBody(text)) {
              stats.replaced += 1;
              if (stats.replacedSamples.length < 3) stats.replacedSamples.push(`${statusCode} ${text.slice(0, 300)}`);
              answer(res, responseTypeFor(statusCode));
            } else {
              const headers = Object.fromEntries(
                Object.entries(response.headers).filter(([name]) => !HOP_BY_HOP.has(name.toLowerCase())),
              );
              res.writeHead(statusCode, headers);
              res.end(text);
            }
            resolve();
          });
        },
      );
      upstream.setTimeout(integrationTimeoutMs, () => {
        upstream.destroy();
        if (!res.headersSent) answer(res, 'INTEGRATION_TIMEOUT');
        resolve();
      });
      upstream.on('error', () => {
        if (!res.headersSent) answer(res, 'DEFAULT_5XX');
        resolve();
      });
      upstream.end(body);
    });

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of req) {
      size += (chunk as Buffer).length;
      // API Gateway's payload limit: past it the request is refused, never buffered.
      if (size > MAX_PAYLOAD_BYTES) {
        answer(res, 'REQUEST_TOO_LARGE');
        req.resume(); // the rest is read and dropped, so the client gets the answer
        return;
      }
      chunks.push(chunk as Buffer);
    }
    const path = new URL(req.url ?? '/', 'http://gateway').pathname;
    const route = routes.find(
      (candidate) => (candidate.method === 'ANY' || candidate.method === req.method) && candidate.pattern.test(path),
    );
    if (!route) return answer(res, 'MISSING_AUTHENTICATION_TOKEN');
    const limit = limits.get(route.functionName) as ConcurrencyLimit;
    const stats = counters.get(route.functionName) as FunctionGatewayStats;
    // API Gateway's throttling comes first: a throttled request never reaches Lambda.
    const empty = throttle.admit(route, req.method ?? 'GET');
    if (empty) {
      if (empty === 'account') stats.accountThrottled += 1;
      else stats.methodThrottled += 1;
      return answer(res, 'THROTTLED');
    }
    if (limit.waiting() >= maxWaiting || !(await limit.acquire(AbortSignal.timeout(maxWaitMs)))) {
      stats.throttled += 1;
      return answer(res, 'INTEGRATION_FAILURE');
    }
    stats.forwarded += 1;
    stats.inFlight += 1;
    stats.maxInFlight = Math.max(stats.maxInFlight, stats.inFlight);
    try {
      await forward(req, res, Buffer.concat(chunks), stats);
    } finally {
      stats.inFlight -= 1;
      limit.release();
    }
  };

  const server = createServer((req, res) => {
    handle(req, res).catch(() => {
      if (!res.headersSent) answer(res, 'DEFAULT_5XX');
    });
  });
  server.listen(options.port, '127.0.0.1');
  await once(server, 'listening');
  return {
    url: `http://127.0.0.1:${options.port}`,
    stats: () =>
      Object.fromEntries(
        [...counters].map(([name, stats]) => [name, { ...stats, replacedSamples: [...stats.replacedSamples] }]),
      ),
    stop: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
};
