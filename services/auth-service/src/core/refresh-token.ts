import { createHash, createHmac, randomBytes } from 'node:crypto';

/** Bytes of randomness in a refresh token (256 bits). */
export const REFRESH_TOKEN_BYTES = 32;

/** A new opaque refresh token: 32 random bytes, base64url (43 characters). */
export const newRefreshToken = (): string => randomBytes(REFRESH_TOKEN_BYTES).toString('base64url');

/**
 * What is stored of a refresh token: its SHA-256, base64url. A fast hash is enough here (unlike
 * passwords): the token has 256 bits of entropy, so a stolen table cannot be brute-forced.
 */
export const hashRefreshToken = (token: string): string =>
  createHash('sha256').update(token, 'utf8').digest('base64url');

/**
 * The token a rotation of `token` hands out: HMAC-SHA256 of it under the service's rotation key,
 * base64url (43 characters, like a random one). Deterministic, so a client retrying a rotation
 * whose answer it lost can be given the same successor again; unpredictable without the key, so
 * holding `token` is no way to compute its successor offline.
 */
export const successorOf = (token: string, rotationKey: Uint8Array): string =>
  createHmac('sha256', rotationKey).update(token, 'utf8').digest('base64url');
