import { z } from 'zod';

const base64url = z.string().regex(/^[A-Za-z0-9_-]+$/, 'must be base64url');

/** A private ES256 (P-256) JWK with its key id, as `scripts/generate-signing-key.ts` prints it. */
export const privateSigningJwkSchema = z.object({
  kty: z.literal('EC'),
  crv: z.literal('P-256'),
  x: base64url,
  y: base64url,
  d: base64url,
  kid: z.string().min(1).max(128),
  alg: z.literal('ES256').optional(),
  use: z.literal('sig').optional(),
});

/** A private signing key. */
export type PrivateSigningJwk = z.output<typeof privateSigningJwkSchema>;

/**
 * The service's signing keys: `current` signs; `previous` (an old key whose tokens may still be
 * alive) and `next` (a new key announced before it signs) are only published in the JWKS.
 * See the README for the rotation steps.
 */
export const signingKeysSchema = z
  .object({
    current: privateSigningJwkSchema,
    previous: privateSigningJwkSchema.optional(),
    next: privateSigningJwkSchema.optional(),
  })
  .refine(
    (keys) => {
      const kids = [keys.current, keys.previous, keys.next].flatMap((key) => (key ? [key.kid] : []));
      return new Set(kids).size === kids.length;
    },
    { message: 'current, previous and next must have different kids' },
  );

/** Parsed signing keys. */
export type SigningKeys = z.output<typeof signingKeysSchema>;

/**
 * `signing/keys` as Parameter Store holds it: a JSON string (a SecureString). Parse errors name
 * the problem, never the value.
 */
export const signingKeysJsonSchema = z.preprocess((value, context) => {
  if (typeof value !== 'string') return value;
  try {
    return JSON.parse(value) as unknown;
  } catch {
    context.addIssue({
      code: 'custom',
      message: 'must be JSON: { "current": <private JWK>, "previous"?: …, "next"?: … }',
    });
    return z.NEVER;
  }
}, signingKeysSchema);

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

/** The public part of a signing key: the private `d` is left out by construction, not by deletion. */
export const publicJwkOf = (key: PrivateSigningJwk): PublicJwk => ({
  kty: key.kty,
  crv: key.crv,
  x: key.x,
  y: key.y,
  kid: key.kid,
  alg: 'ES256',
  use: 'sig',
});

/** The JWKS to publish: current, then previous and next when set. */
export const publicJwks = (keys: SigningKeys): { keys: PublicJwk[] } => ({
  keys: [keys.current, keys.previous, keys.next].flatMap((key) => (key ? [publicJwkOf(key)] : [])),
});
