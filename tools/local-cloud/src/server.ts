import { createServer, type IncomingMessage, type RequestListener, type Server, type ServerResponse } from 'node:http';
import { randomUUID } from 'node:crypto';
import { AwsError } from './aws-error.js';
import type { JsonService, RequestContext } from './json-service.js';
import type { FaultInjector, FaultOutcome } from './fault-injector.js';

/** The account id every local resource belongs to (LocalStack uses the same). */
export const LOCAL_ACCOUNT_ID = '000000000000';

/** Largest request body accepted; SQS's biggest legal request (10 × 256 KiB batch) fits. */
const MAX_BODY_BYTES = 4 * 1024 * 1024;

/** Options for {@link createAwsServer}. */
export interface AwsServerOptions {
  /** JSON-protocol services, routed by their `X-Amz-Target` prefix. */
  services: JsonService[];
  /** Raw handlers that read the request themselves (DynamoDB's dynalite), by target prefix. */
  passThrough?: Record<string, RequestListener>;
  /** Region used when a request carries no SigV4 credential scope. */
  defaultRegion: string;
  /** Injected failures answered before any work is done. */
  faults?: FaultInjector;
  /** Extra plain routes, e.g. a health check, by `METHOD path`. */
  routes?: Record<string, (req: IncomingMessage, res: ServerResponse) => void>;
}

/** Reads the region from a SigV4 `Authorization` header's credential scope. */
export const regionFromAuthorization = (authorization: string | undefined): string | undefined =>
  /Credential=[^/]+\/\d{8}\/([^/]+)\//.exec(authorization ?? '')?.[1];

/** Reads a request body, refusing more than the endpoint accepts. */
export const readBody = (req: IncomingMessage): Promise<Buffer> =>
  new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) tooLarge = true;
      else chunks.push(chunk);
    });
    req.on('end', () => {
      if (tooLarge)
        reject(
          new AwsError('RequestEntityTooLarge', `Request body exceeds ${MAX_BODY_BYTES} bytes.`, { statusCode: 413 }),
        );
      else resolve(Buffer.concat(chunks));
    });
    req.on('error', reject);
  });

const send = (res: ServerResponse, statusCode: number, headers: Record<string, string>, body: string): void => {
  if (res.headersSent || res.destroyed) return;
  res.writeHead(statusCode, { ...headers, 'content-length': Buffer.byteLength(body).toString() });
  res.end(body);
};

const sendError = (res: ServerResponse, service: JsonService | undefined, error: unknown, requestId: string): void => {
  const awsError =
    error instanceof AwsError
      ? error
      : new AwsError('InternalFailure', 'The request processing has failed because of an unknown error.', {
          statusCode: 500,
        });
  if (!(error instanceof AwsError)) console.error('[local-cloud] internal error', error);
  const headers: Record<string, string> = {
    'content-type': service?.contentType ?? 'application/x-amz-json-1.1',
    'x-amzn-requestid': requestId,
    // For SQS, AWS's error type is the namespaced shape, as in `__type`
    // (`com.amazonaws.sqs#QueueDoesNotExist`, SQS Developer Guide, "JSON error response structure").
    'x-amzn-errortype': `${service?.queryCompatible ? service.errorNamespace : ''}${awsError.code}`,
  };
  if (service?.queryCompatible)
    headers['x-amzn-query-error'] = `${awsError.queryCode ?? awsError.code};${awsError.fault}`;
  const body = JSON.stringify({
    __type: `${service?.errorNamespace ?? ''}${awsError.code}`,
    message: awsError.message,
  });
  send(res, awsError.statusCode, headers, body);
};

/**
 * Creates the single local AWS endpoint: one HTTP server that routes on `X-Amz-Target` to the
 * JSON-protocol services implemented here, or hands the raw request to a pass-through handler.
 * Malformed requests get AWS's error shapes; nothing a client sends can crash the server.
 */
/**
 * Carries out an injected fault. `proceed` serves the request normally, for a latency rule
 * without an error. A hung request is never answered: the client's own timeout ends it, or the
 * cloud's stop (which closes every connection).
 */
const applyFault = (
  fault: FaultOutcome,
  req: IncomingMessage,
  res: ServerResponse,
  service: JsonService | undefined,
  proceed: () => void,
): void => {
  switch (fault.action) {
    case 'error':
      req.resume();
      sendError(res, service, fault.error, randomUUID());
      return;
    case 'reset':
      // A TCP RST rather than a clean close: what a crashed or overloaded peer sends.
      req.socket.resetAndDestroy();
      return;
    case 'hang':
      req.resume();
      return;
    case 'latency': {
      const timer = setTimeout(() => {
        if (res.destroyed) return;
        if (!fault.error) {
          proceed();
          return;
        }
        req.resume();
        sendError(res, service, fault.error, randomUUID());
      }, fault.delayMs);
      res.on('close', () => clearTimeout(timer));
      return;
    }
  }
};

export const createAwsServer = (options: AwsServerOptions): Server => {
  const services = new Map(options.services.map((service) => [service.targetPrefix, service]));
  const passThrough = new Map(Object.entries(options.passThrough ?? {}));

  const handleJson = async (
    req: IncomingMessage,
    res: ServerResponse,
    service: JsonService,
    operationName: string,
  ): Promise<void> => {
    const requestId = randomUUID();
    try {
      const operation = Object.hasOwn(service.operations, operationName)
        ? service.operations[operationName]
        : undefined;
      const raw = await readBody(req);
      if (!operation)
        throw new AwsError('UnknownOperationException', `Unknown operation ${service.targetPrefix}.${operationName}.`);
      let input: unknown;
      try {
        input = raw.length === 0 ? {} : JSON.parse(raw.toString('utf8'));
      } catch {
        throw new AwsError('SerializationException', 'Malformed JSON in the request body.');
      }
      if (input === null || typeof input !== 'object' || Array.isArray(input)) {
        throw new AwsError('SerializationException', 'The request body must be a JSON object.');
      }
      const aborter = new AbortController();
      // Only a client that hung up mid-request aborts (long polls then stop waiting); a normal
      // close after the response is sent costs nothing.
      res.on('close', () => {
        if (!res.writableFinished) aborter.abort();
      });
      const context: RequestContext = {
        region: regionFromAuthorization(req.headers.authorization) ?? options.defaultRegion,
        accountId: LOCAL_ACCOUNT_ID,
        baseUrl: `http://${req.headers.host ?? '127.0.0.1'}`,
        signal: aborter.signal,
      };
      const output = await operation(input as Record<string, unknown>, context);
      send(
        res,
        200,
        { 'content-type': service.contentType, 'x-amzn-requestid': requestId },
        JSON.stringify(output ?? {}),
      );
    } catch (error) {
      sendError(res, service, error, requestId);
    }
  };

  const listener: RequestListener = (req, res) => {
    const target = req.headers['x-amz-target'];
    if (typeof target !== 'string' || !target.includes('.')) {
      serveRoute(req, res, target);
      return;
    }
    const fault = options.faults?.take(target);
    if (fault)
      applyFault(fault, req, res, services.get(target.slice(0, target.indexOf('.'))), () => serveAws(req, res, target));
    else serveAws(req, res, target);
  };

  /** Serves an AWS request: raw pass-through (DynamoDB) or a JSON service by target prefix. */
  const serveAws = (req: IncomingMessage, res: ServerResponse, target: string): void => {
    const dot = target.indexOf('.');
    const prefix = target.slice(0, dot);
    const raw = passThrough.get(prefix);
    if (raw) {
      raw(req, res);
      return;
    }
    const service = services.get(prefix);
    if (service) {
      void handleJson(req, res, service, target.slice(dot + 1));
      return;
    }
    serveRoute(req, res, target);
  };

  /** Serves the local cloud's own routes, or answers an unknown request in the AWS error shape. */
  const serveRoute = (req: IncomingMessage, res: ServerResponse, target: string | string[] | undefined): void => {
    const route = options.routes?.[`${req.method ?? 'GET'} ${(req.url ?? '/').split('?')[0]}`];
    if (route) {
      route(req, res);
      return;
    }
    req.resume();
    sendError(
      res,
      undefined,
      new AwsError(
        typeof target === 'string' ? 'UnknownOperationException' : 'MissingAuthenticationTokenException',
        typeof target === 'string'
          ? `Unknown target ${target}.`
          : 'This endpoint speaks the AWS JSON protocols: send an X-Amz-Target header.',
      ),
      randomUUID(),
    );
  };

  const server = createServer(listener);
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;
  server.requestTimeout = 0; // long polls may hold a request for 20 s
  return server;
};
