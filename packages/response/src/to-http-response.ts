import { httpStatusOf } from './statuses.js';
import type { StandardResponse } from './standard-response.js';

/** An API Gateway proxy result (the same fields as `APIGatewayProxyResult`, without the AWS types). */
export interface HttpResponse {
  statusCode: number;
  headers: Record<string, string>;
  body: string;
}

/**
 * Maps a standard response to an HTTP response: the whole object as the JSON body, the status's
 * HTTP code as `statusCode`. Extra headers (for example `Retry-After`) are merged in.
 *
 * @example
 * toHttpResponse(accepted({ companyId }), { 'retry-after': '5' });
 * // { statusCode: 202, headers: { 'content-type': 'application/json', 'retry-after': '5' }, body: '{"status":"accepted",...}' }
 */
export const toHttpResponse = (response: StandardResponse, headers: Record<string, string> = {}): HttpResponse => ({
  statusCode: httpStatusOf(response.status),
  headers: { 'content-type': 'application/json; charset=utf-8', ...headers },
  body: JSON.stringify(response),
});
