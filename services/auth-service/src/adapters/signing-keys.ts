import * as z from 'zod/mini';
import { base64url, jsonParameter, keySetSchema, keysOf, kid } from './key-set.js';
import { samePublicKey, type PublicKeys } from './public-keys.js';

/** A private ES256 (P-256) JWK with its key id, as `scripts/generate-signing-key.ts` prints it. */
export const privateSigningJwkSchema = z.object({
  kty: z.literal('EC'),
  crv: z.literal('P-256'),
  x: base64url,
  y: base64url,
  d: base64url,
  kid,
  alg: z.optional(z.literal('ES256')),
  use: z.optional(z.literal('sig')),
});

/** A private signing key. */
export type PrivateSigningJwk = z.output<typeof privateSigningJwkSchema>;

/**
 * The private signing keys (`auth-service-signing/keys`, read by token and refresh only), labelled
 * as the published ones are: the key that signs is the one `signing/publicKeys` names `current`
 * (see {@link signingKeyOf}). See the README for the rotation steps.
 */
export const signingKeysSchema = keySetSchema(privateSigningJwkSchema);

/** Parsed private signing keys. */
export type SigningKeys = z.output<typeof signingKeysSchema>;

/**
 * `keys` as Parameter Store holds it: a JSON string (a SecureString). Parse errors name the
 * problem, never the value.
 */
export const signingKeysJsonSchema = jsonParameter(
  signingKeysSchema,
  '{ "current": <private JWK>, "previous"?: …, "next"?: … }',
);

/** Base class of the errors about the service's signing keys. */
export class SigningKeyError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'SigningKeyError';
  }
}

/**
 * The published `current` key is none of the private keys this function holds: a rotation is half
 * done. Signing anyway would issue tokens that verifiers may not know, so nothing is signed. The
 * message names kids only, never key material.
 */
export class SigningKeyNotPublishedError extends SigningKeyError {
  constructor(publishedKid: string, heldKids: readonly string[]) {
    super(
      `The published current signing key (kid ${publishedKid}) is none of the private keys held ` +
        `(kids ${heldKids.join(', ')}): refusing to sign. Finish the rotation (README, "Signing keys").`,
    );
    this.name = 'SigningKeyNotPublishedError';
  }
}

/**
 * The private key to sign with: the one whose public part (kid, x, y) is the published `current`.
 * Both parameters carry the same labels, so this is normally the private `current`; while a
 * rotation step has reached one parameter and not yet the other, it is the private `next` or
 * `previous`, and signing goes on with a published key.
 *
 * @throws {SigningKeyNotPublishedError} when no private key held is the published `current`.
 * @example
 * const key = signingKeyOf(signingSettings.keys, settings.signing.publicKeys);
 */
export const signingKeyOf = (keys: SigningKeys, published: PublicKeys): PrivateSigningJwk => {
  const held = keysOf(keys);
  const key = held.find((candidate) => samePublicKey(candidate, published.current));
  if (!key)
    throw new SigningKeyNotPublishedError(
      published.current.kid,
      held.map((candidate) => candidate.kid),
    );
  return key;
};
