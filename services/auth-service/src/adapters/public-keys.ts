import * as z from 'zod/mini';
import { base64url, jsonParameter, keySetSchema, keysOf, kid, type KeySet } from './key-set.js';

/** Why a public key with `d` is refused (the value itself is never repeated). */
const PRIVATE_PART =
  'has "d", the private part: publish only the public key (scripts/generate-signing-key.ts --public)';

/**
 * A public ES256 (P-256) JWK with its key id. One with `d` is refused: this parameter is a String
 * that every function reads, so a private key here would be readable by all of them.
 */
export const publicSigningJwkSchema = z.object({
  kty: z.literal('EC'),
  crv: z.literal('P-256'),
  x: base64url,
  y: base64url,
  kid,
  alg: z.optional(z.literal('ES256')),
  use: z.optional(z.literal('sig')),
  d: z.optional(z.never({ error: PRIVATE_PART })),
});

/** The members that identify a key pair's public part. */
export type PublicKeyParts = Pick<z.output<typeof publicSigningJwkSchema>, 'kty' | 'crv' | 'x' | 'y' | 'kid'>;

/**
 * The published keys (`auth-service/signing/publicKeys`): what the JWKS serves and the authorizer
 * verifies with, and what token and refresh check their private key against (`current` must be
 * one they hold).
 */
export const publicKeysSchema = keySetSchema(publicSigningJwkSchema);

/** Parsed public keys. */
export type PublicKeys = z.output<typeof publicKeysSchema>;

/** `signing/publicKeys` as Parameter Store holds it: a JSON string (a String, nothing secret). */
export const publicKeysJsonSchema = jsonParameter(
  publicKeysSchema,
  '{ "current": <public JWK>, "previous"?: …, "next"?: … }',
);

/** A public JWK as the JWKS publishes it. */
export interface PublicJwk {
  kty: 'EC';
  crv: 'P-256';
  x: string;
  y: string;
  kid: string;
  alg: 'ES256';
  use: 'sig';
}

/** The public part of a key (private or public): `d` is left out by construction, not by deletion. */
export const publicJwkOf = (key: PublicKeyParts): PublicJwk => ({
  kty: key.kty,
  crv: key.crv,
  x: key.x,
  y: key.y,
  kid: key.kid,
  alg: 'ES256',
  use: 'sig',
});

/** The public counterpart of a key set (private keys → the `signing/publicKeys` value). */
export const publicKeysOf = (keys: KeySet<PublicKeyParts>): KeySet<PublicJwk> => ({
  current: publicJwkOf(keys.current),
  ...(keys.previous ? { previous: publicJwkOf(keys.previous) } : {}),
  ...(keys.next ? { next: publicJwkOf(keys.next) } : {}),
});

/** The JWKS to publish: current, then previous and next when set. */
export const publicJwks = (keys: KeySet<PublicKeyParts>): { keys: PublicJwk[] } => ({
  keys: keysOf(keys).map(publicJwkOf),
});

/** Whether two keys are the same public key under the same kid. */
export const samePublicKey = (a: PublicKeyParts, b: PublicKeyParts): boolean =>
  a.kid === b.kid && a.x === b.x && a.y === b.y && a.crv === b.crv && a.kty === b.kty;
