import { AuthenticationError, verifyBearer, type JwksCache } from '@platform/auth';
import { authorizer } from '@platform/lambda';
import { settingsJwks } from '../../adapters/settings-jwks.js';
import type { PublicKeys } from '../../adapters/public-keys.js';
import { keySettings } from '../../settings.js';
import { allowPolicy, denyPolicy } from './policy.js';

export type { AuthorizerEvent } from '@platform/lambda';

/** Imported keys, per loaded key set (a settings reload brings a new one). */
const keyCaches = new WeakMap<PublicKeys, JwksCache>();
const jwksOf = (keys: PublicKeys): JwksCache => {
  let jwks = keyCaches.get(keys);
  if (!jwks) keyCaches.set(keys, (jwks = settingsJwks(keys)));
  return jwks;
};

/**
 * API Gateway Lambda authorizer for the other services' REST APIs. Verifies the bearer token as
 * @platform/auth does (ES256 pinned, iss, aud, exp, kid) against this service's published keys,
 * read from settings (`signing/publicKeys`: no HTTP, and no private key, which its role may not
 * read); the audience must be one of the resource services in `auth-service/audiences` (a token
 * for auth-service's own endpoints is denied). Valid → Allow on the API stage, principalId = sub,
 * context `{ sub, scopes }`. Refused → Deny (API Gateway answers 403). Settings unavailable → the
 * invocation fails and API Gateway answers 500: it fails closed (the `authorizer` adapter).
 */
export const handler = authorizer({ settings: keySettings }, async (authorization, ctx) => {
  const { auth, signing } = ctx.settings;
  // auth-service's own audience is never one of them, even if listed by mistake (admin tokens).
  const audiences = ctx.settings.audiences.filter((audience) => audience !== auth.audience);
  try {
    // No resource service configured: nothing can be allowed (an empty list would be refused as an option).
    if (audiences.length === 0) return denyPolicy(ctx.methodArn);
    const principal = await verifyBearer(authorization, {
      jwks: jwksOf(signing.publicKeys),
      issuer: auth.issuer,
      // The authorizer cannot tell which API invoked it from methodArn alone: it accepts a token
      // for any configured resource service, never one for auth-service itself.
      audience: audiences,
    });
    return allowPolicy(principal, ctx.methodArn);
  } catch (error) {
    if (!(error instanceof AuthenticationError)) throw error;
    ctx.logger.info({ reason: error.message, methodArn: ctx.methodArn }, 'Token refused');
    return denyPolicy(ctx.methodArn);
  }
});
