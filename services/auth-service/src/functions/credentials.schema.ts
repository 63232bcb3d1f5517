import { z } from 'zod';
import { MAX_EMAIL_LENGTH } from '../core/email.js';
import { MAX_PASSWORD_LENGTH } from '../core/password-policy.js';

/** An email address as typed: trimmed here, lower-cased by the use case. */
export const emailSchema = z.string().trim().max(MAX_EMAIL_LENGTH).pipe(z.email());

/**
 * A password as sent: any string up to the policy's maximum (×4, so a long passphrase gets the
 * policy's clear message rather than a schema error); the policy itself lives in core.
 */
export const passwordSchema = z
  .string()
  .min(1)
  .max(MAX_PASSWORD_LENGTH * 4);

/** `{ email, password }` bodies of register and token. */
export const credentialsBodySchema = z.object({ email: emailSchema, password: passwordSchema });

/** RFC 8707's `resource`: the audience the access token is for (a configured resource service). */
export const resourceSchema = z.string().trim().min(1).max(256).optional();

/** `{ refreshToken }` bodies of refresh and logout: 32 bytes base64url are 43 characters. */
export const refreshTokenBodySchema = z.object({ refreshToken: z.string().min(1).max(256) });
