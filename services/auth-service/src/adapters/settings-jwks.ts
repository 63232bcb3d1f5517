import { importJWK, type CryptoKey } from 'jose';
import type { JwksCache } from '@platform/auth';
import { publicJwks, type SigningKeys } from './signing-keys.js';

/**
 * A `JwksCache` (for `verifyBearer({ jwks })`) over the service's own signing keys, read from
 * settings: the authorizer verifies tokens with no HTTP call. Only the public parts are imported.
 *
 * @example
 * const principal = await verifyBearer(header, { jwks: settingsJwks(settings.signing.keys), issuer, audience });
 */
export const settingsJwks = (keys: SigningKeys): JwksCache => {
  const imported = new Map<string, Promise<CryptoKey>>();
  for (const jwk of publicJwks(keys).keys) {
    const { kty, crv, x, y } = jwk;
    imported.set(jwk.kid, importJWK({ kty, crv, x, y }, 'ES256') as Promise<CryptoKey>);
  }
  return {
    jwksUrl: 'settings:signing/keys',
    getKey: async (kid) => imported.get(kid),
    clear: () => undefined,
    stats: () => ({ fetches: 0, fetchFailures: 0, keys: imported.size, fetchedAt: undefined }),
  };
};
