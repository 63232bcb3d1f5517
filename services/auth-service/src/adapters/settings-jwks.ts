import { importJWK, type CryptoKey } from 'jose';
import type { JwksCache } from '@platform/auth';
import type { KeySet } from './key-set.js';
import { publicJwks, type PublicKeyParts } from './public-keys.js';

/**
 * A `JwksCache` (for `verifyBearer({ jwks })`) over the service's published keys, read from
 * settings (`signing/publicKeys`): the authorizer verifies tokens with no HTTP call and no private
 * key. Only the public parts are imported, whatever the keys given carry.
 *
 * @example
 * const principal = await verifyBearer(header, { jwks: settingsJwks(settings.signing.publicKeys), issuer, audience });
 */
export const settingsJwks = (keys: KeySet<PublicKeyParts>): JwksCache => {
  const imported = new Map<string, Promise<CryptoKey>>();
  for (const jwk of publicJwks(keys).keys) {
    const { kty, crv, x, y } = jwk;
    imported.set(jwk.kid, importJWK({ kty, crv, x, y }, 'ES256') as Promise<CryptoKey>);
  }
  return {
    jwksUrl: 'settings:signing/publicKeys',
    getKey: async (kid) => imported.get(kid),
    clear: () => undefined,
    stats: () => ({ fetches: 0, fetchFailures: 0, keys: imported.size, fetchedAt: undefined }),
  };
};
