/** What an operation knows of the request that called it. */
export interface RequestContext {
  /** Region from the request's SigV4 credential scope (or the local cloud's default). */
  region: string;
  /** The fixed local account id. */
  accountId: string;
  /** Base URL the client used to reach the endpoint, e.g. `http://127.0.0.1:4566`. */
  baseUrl: string;
  /** Aborted when the client disconnects, so long polls stop waiting. */
  signal: AbortSignal;
}

/** One operation of a JSON-protocol service: parsed request body in, response body out. */
export type Operation = (input: Record<string, unknown>, context: RequestContext) => unknown;

/**
 * An AWS service spoken over the AWS JSON protocol (1.0 or 1.1), routed by the prefix of the
 * `X-Amz-Target` header (`AmazonSSM.PutParameter` → service `AmazonSSM`, operation `PutParameter`).
 */
export interface JsonService {
  /** The `X-Amz-Target` prefix, e.g. `AmazonSSM` or `AmazonSQS`. */
  targetPrefix: string;
  /** `application/x-amz-json-1.0` (SQS) or `application/x-amz-json-1.1` (SSM). */
  contentType: string;
  /** Prepended to error codes in `__type`, e.g. `com.amazonaws.sqs#`; empty for SSM. */
  errorNamespace: string;
  /** Whether errors also carry AWS's `x-amzn-query-error` header (query-compatible services). */
  queryCompatible: boolean;
  operations: Record<string, Operation>;
}
