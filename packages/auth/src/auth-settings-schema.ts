import * as z from 'zod/mini';

/**
 * The `auth` group of a service's settings that protected APIs need: where auth-service publishes
 * its keys, and the issuer and audience its tokens carry: the first two shared by every service, under
 * `/platform/<stage>/shared/auth/{jwksUrl,issuer}`, and the service's own audience under
 * `/platform/<stage>/<service>/auth/audience` (the service layer wins over shared), so a token
 * issued for one service is refused by every other.
 *
 * @example
 * const schema = z.object({ auth: authSettingsSchema, staleAfterSeconds: z.coerce.number() });
 */
export const authSettingsSchema = z.object({
  jwksUrl: z.url(),
  issuer: z.string().check(z.minLength(1)),
  audience: z.string().check(z.minLength(1)),
});

/** Parsed `auth` settings. */
export type AuthSettings = z.output<typeof authSettingsSchema>;
