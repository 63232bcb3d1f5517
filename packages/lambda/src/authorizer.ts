import type {
  APIGatewayAuthorizerResult,
  APIGatewayRequestAuthorizerEvent,
  APIGatewayTokenAuthorizerEvent,
  Context,
} from 'aws-lambda';
import { lifecycle } from './lifecycle.js';
import type { AdapterOptions, HandlerContext, PlatformSettings } from './types.js';

/** A REST API (v1) TOKEN or REQUEST authorizer event. */
export type AuthorizerEvent = APIGatewayTokenAuthorizerEvent | APIGatewayRequestAuthorizerEvent;

/** What an authorizer function receives besides the token. */
export interface AuthorizerContext<S> extends HandlerContext<S> {
  /** The method being called (`arn:aws:execute-api:region:account:api/stage/VERB/path`). */
  methodArn: string;
}

/** The `Authorization` value: the token source of a TOKEN authorizer, the header of a REQUEST one. */
const authorizationOf = (event: AuthorizerEvent): string | undefined => {
  if (event.type === 'TOKEN') return event.authorizationToken;
  const headers = Object.entries(event.headers ?? {});
  return headers.find(([name]) => name.toLowerCase() === 'authorization')?.[1];
};

/**
 * Adapts an API Gateway Lambda authorizer (REST API, TOKEN or REQUEST type): `fn` gets the
 * `Authorization` value and returns the policy. Settings, logger and deadline as for every
 * adapter. A thrown error is logged and rethrown: API Gateway then answers 500 and lets nothing
 * through, so an authorizer fails closed; deny refused tokens by returning a Deny policy.
 *
 * @example
 * export const handler = authorizer({ settings }, async (authorization, ctx) =>
 *   (await isValid(authorization)) ? allowPolicy(...) : denyPolicy(ctx.methodArn));
 */
export const authorizer = <S extends PlatformSettings>(
  options: AdapterOptions<S>,
  fn: (
    authorization: string | undefined,
    context: AuthorizerContext<S>,
  ) => Promise<APIGatewayAuthorizerResult> | APIGatewayAuthorizerResult,
) => {
  const life = lifecycle(options);

  return async function authorizerHandler(
    event: AuthorizerEvent,
    lambda: Context,
  ): Promise<APIGatewayAuthorizerResult> {
    const invocation = life.start(lambda, undefined);
    const context: AuthorizerContext<S> = Object.assign(invocation.context, { methodArn: event.methodArn });
    try {
      const policy = await life.run(invocation, () => fn(authorizationOf(event), context));
      const effect = policy.policyDocument.Statement.map((statement) => statement.Effect).join(',');
      context.logger.debug({ effect, durationMs: invocation.elapsedMs() }, 'Authorizer answered');
      life.finish(invocation, { status: effect.includes('Allow') ? 'allowed' : 'denied' });
      return policy;
    } catch (error) {
      context.logger.error({ err: error, durationMs: invocation.elapsedMs() }, 'Authorizer failed; API Gateway denies');
      life.finish(invocation, { status: 'error' });
      throw error;
    }
  };
};
