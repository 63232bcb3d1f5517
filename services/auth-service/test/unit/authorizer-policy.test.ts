import { describe, expect, it } from '@jest/globals';
import { allowPolicy, apiStageArn, denyPolicy } from '../../src/functions/authorizer/policy.js';

const METHOD_ARN = 'arn:aws:execute-api:eu-west-1:123456789012:abcdef1234/dev/GET/financial-risk/c-1';

describe('authorizer policies', () => {
  it('covers every method of the API stage, so a cached answer fits other routes', () => {
    expect(apiStageArn(METHOD_ARN)).toBe('arn:aws:execute-api:eu-west-1:123456789012:abcdef1234/dev/*');
  });

  it('allows with the subject as principalId and the scopes in the context', () => {
    const result = allowPolicy({ sub: 'user-1', scopes: ['risk:read', 'risk:refresh'], claims: {} }, METHOD_ARN);
    expect(result).toEqual({
      principalId: 'user-1',
      policyDocument: {
        Version: '2012-10-17',
        Statement: [{ Action: 'execute-api:Invoke', Effect: 'Allow', Resource: apiStageArn(METHOD_ARN) }],
      },
      context: { sub: 'user-1', scopes: 'risk:read risk:refresh' },
    });
  });

  it('denies anonymously, with no context', () => {
    const result = denyPolicy(METHOD_ARN);
    expect(result.principalId).toBe('anonymous');
    expect(result.policyDocument.Statement[0]).toMatchObject({ Effect: 'Deny' });
    expect(result.context).toBeUndefined();
  });
});
