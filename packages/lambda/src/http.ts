import type { APIGatewayProxyResult, Context } from 'aws-lambda';
import type * as z from 'zod/mini';
import { isStandardResponse, success, toHttpResponse, type StandardResponse } from '@platform/response';
import { withinDeadline } from '@platform/deadline';
import { lifecycle } from './lifecycle.js';
import { lowerCaseHeaders, rawInput, sourceIpOf, validateInput, type HttpEventLike } from './http-input.js';
import { mapError } from './map-error.js';
import { authorize, type AuthOptions } from './authorize.js';
import type { AuthSettings, Principal } from '@platform/auth';
import { isRawHttpResponse } from './raw-http-response.js';
import type { AdapterOptions, HandlerContext, PlatformSettings } from './types.js';

/** What an http handler function receives besides its input. */
export interface HttpContext<S> extends HandlerContext<S> {
  /** Request headers, names lower-cased. */
  headers: Record<string, string>;
  /** Headers to add to the response (e.g. `retry-after`). */
  responseHeaders: Record<string, string>;
  /** The verified caller, when the handler has `auth`. */
  principal: Principal | undefined;
  /** The client's address as API Gateway saw the connection (not `X-Forwarded-For`); undefined when absent. */
  sourceIp: string | undefined;
}

/** Options of {@link http}. */
export interface HttpOptions<S extends PlatformSettings, I extends z.core.$ZodType> extends AdapterOptions<S> {
  /**
   * Validates `{ path, query, body }` (path and query values are strings; body is parsed JSON):
   * any Zod 4 schema, zod/mini or classic.
   */
  input: I;
  /** Largest accepted body in bytes. Default 1 MiB. */
  maxBodyBytes?: number;
  /**
   * Require a bearer token with these scopes (verified against the JWKS in the service's
   * `auth` settings, see `authSettingsSchema` in @platform/auth). Only for settings that have
   * `auth`: the type says so, and the settings are still checked when the request comes.
   */
  auth?: S extends { auth: AuthSettings } ? AuthOptions : never;
}

const DEFAULTS = { maxBodyBytes: 1024 * 1024 };

/**
 * Adapts an API Gateway (REST or HTTP API) event to a business function and back: loads settings,
 * binds the logger, parses and validates the input, calls `fn`, and answers the standard response
 * as HTTP. `fn` returns a `StandardResponse`, or plain data that becomes `success(data)`. Every
 * thrown error becomes a status (see `mapError`); malformed JSON, wrong types and oversize bodies
 * become `badRequest`. With `auth: { scopes }`, the bearer token is verified first (401/403).
 * Everything runs under the invocation's deadline (`@platform/deadline`): a dependency still
 * silent shortly before Lambda's timeout fails with `DeadlineExceededError`, answered 503.
 * Never throws, never leaks a stack trace.
 *
 * @example
 * export const handler = http({ settings, input: z.object({ path: z.object({ companyId: z.string() }) }) },
 *   async ({ path }, ctx) => getCompanyRisk(deps(ctx.settings), path.companyId));
 */
export const http = <S extends PlatformSettings, I extends z.core.$ZodType>(
  options: HttpOptions<S, I>,
  fn: (input: z.output<I>, context: HttpContext<S>) => Promise<StandardResponse | unknown> | StandardResponse | unknown,
) => {
  const { maxBodyBytes } = { ...DEFAULTS, ...options };
  const life = lifecycle(options);

  return async function httpHandler(event: HttpEventLike, lambda: Context): Promise<APIGatewayProxyResult> {
    const headers = lowerCaseHeaders(event);
    const invocation = life.start(lambda, headers['x-correlation-id'] ?? headers['x-request-id']);
    const context: HttpContext<S> = Object.assign(invocation.context, {
      headers,
      responseHeaders: {},
      principal: undefined,
      sourceIp: sourceIpOf(event),
    });
    let response: StandardResponse;
    let errorHeaders: Record<string, string> = {};
    try {
      const result = await life.run(invocation, async () => {
        if (options.auth) {
          const verifying = authorize(context.settings, headers.authorization, options.auth);
          context.principal = await withinDeadline(verifying, 'Token verification');
        }
        const input = validateInput(options.input, rawInput(event, maxBodyBytes));
        return fn(input, context);
      });
      if (isRawHttpResponse(result)) {
        // Only a success can be raw: logged as one, so `status` keeps one type in every line.
        logHandled(context, event, 'success', result.statusCode, invocation.elapsedMs());
        life.finish(invocation, { status: 'success' });
        const { statusCode, body } = result;
        return { statusCode, headers: { ...result.headers, 'x-correlation-id': context.correlationId }, body };
      }
      response = isStandardResponse(result) ? result : success(result);
    } catch (error) {
      ({ response, headers: errorHeaders } = mapError(error, context.logger, context.awsRequestId, options.errors));
    }
    const httpResponse = toHttpResponse(response, {
      ...context.responseHeaders,
      ...errorHeaders,
      'x-correlation-id': context.correlationId,
    });
    logHandled(context, event, response.status, httpResponse.statusCode, invocation.elapsedMs());
    life.finish(invocation, { status: response.status });
    return httpResponse;
  };
};

const logHandled = (
  context: HttpContext<unknown>,
  event: HttpEventLike,
  status: string,
  statusCode: number,
  durationMs: number,
): void => {
  context.logger.info(
    {
      method: event.httpMethod ?? event.requestContext?.http?.method,
      path: event.path ?? event.rawPath,
      status,
      statusCode,
      durationMs,
    },
    'HTTP request handled',
  );
};
