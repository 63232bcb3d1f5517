import * as z from 'zod/mini';
import { MAX_EMAIL_LENGTH } from '../core/email.js';
import { MAX_PASSWORD_LENGTH } from '../core/password-policy.js';

/** An email address as typed: trimmed here, lower-cased by the use case. */
export const emailSchema = z.pipe(z.string().check(z.trim(), z.maxLength(MAX_EMAIL_LENGTH)), z.email());

/**
 * A password as sent: any string up to the policy's maximum (×4, so a long passphrase gets the
 * policy's clear message rather than a schema error); the policy itself lives in core.
 */
export const passwordSchema = z.string().check(z.minLength(1), z.maxLength(MAX_PASSWORD_LENGTH * 4));

/** `{ email, password }` bodies of register and token. */
export const credentialsBodySchema = z.object({ email: emailSchema, password: passwordSchema });

/** RFC 8707's `resource`: the audience the access token is for (a configured resource service). */
export const resourceSchema = z.optional(z.string().check(z.trim(), z.minLength(1), z.maxLength(256)));

/** `{ refreshToken }` bodies of refresh and logout: 32 bytes base64url are 43 characters. */
export const refreshTokenBodySchema = z.object({ refreshToken: z.string().check(z.minLength(1), z.maxLength(256)) });
