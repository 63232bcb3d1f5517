const RAW = Symbol.for('@platform/lambda.rawHttpResponse');

/** An HTTP answer the http adapter sends as it is, instead of a standard `{ status, message, data }`. */
export interface RawHttpResponse {
  readonly [RAW]: true;
  statusCode: number;
  headers: Record<string, string>;
  body: string;
}

/**
 * Marks an answer that must not be wrapped in the standard shape, for the few endpoints whose
 * clients expect another format (a JWKS document is a bare `{ keys }`). Errors still go out in
 * the standard shape; only a success can be raw.
 *
 * @example
 * return rawHttpResponse(200, JSON.stringify(jwks), { 'content-type': 'application/json' });
 */
export const rawHttpResponse = (
  statusCode: number,
  body: string,
  headers: Record<string, string> = {},
): RawHttpResponse => ({ [RAW]: true, statusCode, headers, body });

/** Whether a handler's result is a {@link rawHttpResponse}. */
export const isRawHttpResponse = (value: unknown): value is RawHttpResponse =>
  typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[RAW] === true;
