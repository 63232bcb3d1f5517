import type { Context } from 'aws-lambda';
import type * as z from 'zod/mini';
import { isStandardResponse, success, type StandardResponse } from '@platform/response';
import { validateInput } from './http-input.js';
import { lifecycle } from './lifecycle.js';
import { mapError } from './map-error.js';
import type { AdapterOptions, HandlerContext, PlatformSettings } from './types.js';

/** Options of {@link direct}. */
export interface DirectOptions<S extends PlatformSettings, I extends z.core.$ZodType> extends AdapterOptions<S> {
  /** Validates the invocation's payload: any Zod 4 schema, zod/mini or classic. */
  input: I;
}

/**
 * Adapts a direct invocation (`serverless invoke`, `aws lambda invoke`, another service's SDK
 * call) to a business function: the payload is validated with `input`, `fn`'s result or error
 * becomes the standard `{ status, message, data }` the caller reads in the response payload
 * (a payload that fails validation → `badRequest` with `data.issues`, `fn` not called). A
 * `correlationId` string in the payload is carried into the logs. Never throws, so the caller
 * always gets the standard shape rather than Lambda's `FunctionError`.
 *
 * @example
 * export const handler = direct({ settings, input: z.object({ max: z.number().check(z.int(), z.positive()) }) },
 *   async ({ max }, ctx) => purge(deps(ctx.settings), max));
 */
export const direct = <S extends PlatformSettings, I extends z.core.$ZodType>(
  options: DirectOptions<S, I>,
  fn: (
    input: z.output<I>,
    context: HandlerContext<S>,
  ) => Promise<StandardResponse | unknown> | StandardResponse | unknown,
) => {
  const life = lifecycle(options);

  return async function directHandler(event: unknown, lambda: Context): Promise<StandardResponse> {
    const correlationId = (event as { correlationId?: unknown } | null)?.correlationId;
    const invocation = life.start(lambda, typeof correlationId === 'string' ? correlationId : undefined);
    const { context } = invocation;
    let response: StandardResponse;
    try {
      const result = await life.run(invocation, () => fn(validateInput(options.input, event ?? {}), context));
      response = isStandardResponse(result) ? result : success(result);
    } catch (error) {
      ({ response } = mapError(error, context.logger, context.awsRequestId, options.errors));
    }
    context.logger.info({ status: response.status, durationMs: invocation.elapsedMs() }, 'Direct invocation handled');
    life.finish(invocation, { status: response.status });
    return response;
  };
};
