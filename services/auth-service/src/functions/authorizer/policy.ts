import type { APIGatewayAuthorizerResult } from 'aws-lambda';
import type { Principal } from '@platform/auth';

/**
 * Every method of the API stage the request came to: `arn:aws:execute-api:<region>:<account>:<api>/<stage>/*`.
 * API Gateway caches an authorizer's answer per token and reuses it for other methods; a policy
 * naming only the first method would then refuse the others. Which routes need which scopes is
 * the services' business (`auth: { scopes }`), from the `scopes` in the context.
 */
export const apiStageArn = (methodArn: string): string => {
  const [arn = '', stage = '*'] = methodArn.split('/');
  return `${arn}/${stage}/*`;
};

const policy = (principalId: string, effect: 'Allow' | 'Deny', methodArn: string): APIGatewayAuthorizerResult => ({
  principalId,
  policyDocument: {
    Version: '2012-10-17',
    Statement: [{ Action: 'execute-api:Invoke', Effect: effect, Resource: apiStageArn(methodArn) }],
  },
});

/** Allow, with the caller's id as principalId and `{ sub, scopes }` (space-separated) as context. */
export const allowPolicy = (principal: Principal, methodArn: string): APIGatewayAuthorizerResult => ({
  ...policy(principal.sub, 'Allow', methodArn),
  context: { sub: principal.sub, scopes: principal.scopes.join(' ') },
});

/** Deny: API Gateway answers 403. */
export const denyPolicy = (methodArn: string): APIGatewayAuthorizerResult => policy('anonymous', 'Deny', methodArn);
