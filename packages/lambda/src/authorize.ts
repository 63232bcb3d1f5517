import { authSettingsSchema, requireScopes, verifyBearer, type Principal } from '@platform/auth';
import { StatusError } from '@platform/response';
import type { PlatformSettings } from './types.js';

/** The `auth` option of the http adapter: the scopes a caller's token must carry. */
export interface AuthOptions {
  scopes: readonly string[];
}

/**
 * Verifies the request's bearer token against the JWKS named in the service's `auth` settings
 * and checks the scopes: no or invalid token → notAuthenticated (401), missing scope →
 * unauthorized (403), JWKS unreachable → unavailable (503), `auth` settings missing → error (500).
 */
export const authorize = async (
  // Typed by the http adapter's `auth` option (settings with `auth`); still parsed here, since a
  // stage's Parameter Store may lack what the schema promised.
  settings: PlatformSettings,
  authorization: string | undefined,
  options: AuthOptions,
): Promise<Principal> => {
  const parsed = authSettingsSchema.safeParse(settings['auth']);
  if (!parsed.success) {
    throw new StatusError('error', 'The service settings lack auth.jwksUrl, auth.issuer or auth.audience', {
      cause: parsed.error,
    });
  }
  const principal = await verifyBearer(authorization, parsed.data);
  requireScopes(principal, options.scopes);
  return principal;
};
