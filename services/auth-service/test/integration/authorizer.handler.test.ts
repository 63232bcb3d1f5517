import type {
  APIGatewayAuthorizerResult,
  APIGatewayRequestAuthorizerEvent,
  APIGatewayTokenAuthorizerEvent,
} from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { JoseAccessTokenSigner } from '../../src/adapters/access-token-signer.jose.js';
import type { PrivateSigningJwk } from '../../src/adapters/signing-keys.js';
import type { AuthorizerEvent } from '../../src/functions/authorizer/handler.js';
import { lambdaContext } from '../fixtures/lambda.js';
import { publicKeysOf } from '../../src/adapters/public-keys.js';
import { signingKey } from '../fixtures/keys.js';
import { startLocalStack, type LocalStack } from '../fixtures/local-stack.js';

const STAGE = 'itest-authorizer';
const ISSUER = 'https://auth.itest.example';
const AUDIENCE = 'platform-itest';
const METHOD_ARN = 'arn:aws:execute-api:us-east-1:000000000000:api1234567/itest/GET/financial-risk/c-1';
const STAGE_ARN = 'arn:aws:execute-api:us-east-1:000000000000:api1234567/itest/*';

/** The authorizer, with its keys read from the local cloud's Parameter Store (no JWKS server). */
describe('authorizer handler', () => {
  let stack: LocalStack;
  let keys: { current: PrivateSigningJwk; previous: PrivateSigningJwk; stranger: PrivateSigningJwk };
  let authorize: (event: AuthorizerEvent) => Promise<APIGatewayAuthorizerResult>;

  const tokenSignedWith = async (
    key: PrivateSigningJwk,
    overrides: { audience?: string; ttlSeconds?: number; clock?: () => Date } = {},
  ) =>
    (
      await new JoseAccessTokenSigner({ key, issuer: ISSUER, ttlSeconds: 900, ...overrides }).sign({
        sub: 'user-1',
        scopes: ['risk:read', 'risk:refresh'],
        audience: overrides.audience ?? AUDIENCE,
      })
    ).token;
  const tokenEvent = (authorizationToken: string): APIGatewayTokenAuthorizerEvent => ({
    type: 'TOKEN',
    authorizationToken,
    methodArn: METHOD_ARN,
  });
  const requestEvent = (headers: Record<string, string>) =>
    ({ type: 'REQUEST', methodArn: METHOD_ARN, headers }) as unknown as APIGatewayRequestAuthorizerEvent;
  const effectOf = (result: APIGatewayAuthorizerResult) => result.policyDocument.Statement[0]?.Effect;

  beforeAll(async () => {
    stack = await startLocalStack(STAGE);
    const [current, previous, stranger] = await Promise.all([signingKey('k-2'), signingKey('k-1'), signingKey('k-2')]);
    keys = { current, previous, stranger };
    await stack.putSettings({
      'shared/logLevel': 'silent',
      'shared/auth/jwksUrl': 'http://127.0.0.1:9/unused-by-the-authorizer',
      'shared/auth/issuer': ISSUER,
      'shared/auth/audience': 'auth-service-itest',
      'auth-service/audiences': `other-service,${AUDIENCE}`,
      // The published keys only: the authorizer has no private key (its role may not read them).
      'auth-service/signing/publicKeys': JSON.stringify(publicKeysOf({ current, previous })),
    });
    const { handler } = await import('../../src/functions/authorizer/handler.js');
    authorize = (event) => handler(event, lambdaContext('auth-service-itest-authorizer'));
  });
  afterAll(async () => {
    await stack?.stop();
  });

  it('allows a valid token (TOKEN event) on the whole API stage, with sub and scopes in the context', async () => {
    const result = await authorize(tokenEvent(`Bearer ${await tokenSignedWith(keys.current)}`));
    expect(result).toEqual({
      principalId: 'user-1',
      policyDocument: {
        Version: '2012-10-17',
        Statement: [{ Action: 'execute-api:Invoke', Effect: 'Allow', Resource: STAGE_ARN }],
      },
      context: { sub: 'user-1', scopes: 'risk:read risk:refresh' },
    });
  });

  it('reads the Authorization header of a REQUEST event, whatever its case', async () => {
    const token = await tokenSignedWith(keys.current);
    expect(effectOf(await authorize(requestEvent({ authorization: `Bearer ${token}` })))).toBe('Allow');
    expect(effectOf(await authorize(requestEvent({ AUTHORIZATION: `bearer ${token}` })))).toBe('Allow');
  });

  it('allows a token for any configured resource service', async () => {
    const token = await tokenSignedWith(keys.current, { audience: 'other-service' });
    expect(effectOf(await authorize(tokenEvent(`Bearer ${token}`)))).toBe('Allow');
  });

  it('still allows tokens of the previous key (rotation)', async () => {
    expect(effectOf(await authorize(tokenEvent(`Bearer ${await tokenSignedWith(keys.previous)}`)))).toBe('Allow');
  });

  it('denies tokens signed by another key with a known kid, expired, or for another audience', async () => {
    const old = () => new Date(Date.now() - 3600_000);
    const refused = [
      await tokenSignedWith(keys.stranger),
      await tokenSignedWith(keys.current, { clock: old }),
      await tokenSignedWith(keys.current, { audience: 'another-platform' }),
      // auth-service's own audience: good for /auth/me, not for other stacks' APIs.
      await tokenSignedWith(keys.current, { audience: 'auth-service-itest' }),
    ];
    for (const token of refused) {
      const result = await authorize(tokenEvent(`Bearer ${token}`));
      expect(result.principalId).toBe('anonymous');
      expect(effectOf(result)).toBe('Deny');
    }
  });

  it('denies a missing or malformed Authorization', async () => {
    expect(effectOf(await authorize(requestEvent({})))).toBe('Deny');
    expect(effectOf(await authorize(tokenEvent('Basic dXNlcjpwYXNz')))).toBe('Deny');
    expect(effectOf(await authorize(tokenEvent('Bearer not.a.jwt')))).toBe('Deny');
  });
});
