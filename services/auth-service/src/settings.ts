import * as z from 'zod/mini';
import { authSettingsSchema } from '@platform/auth';
import { dbSettingsSchema } from '@platform/db';
import { defineSettings } from '@platform/settings';
import { publicKeysJsonSchema } from './adapters/public-keys.js';
import { signingKeysJsonSchema } from './adapters/signing-keys.js';
import { MAX_EMAIL_LENGTH, normalizeEmail } from './core/email.js';
import { MIN_PASSWORD_LENGTH } from './core/password-policy.js';

const seconds = z.coerce.number().check(z.int(), z.positive());

/** A comma-separated string → its parts; a StringList arrives as an array already. */
const splitNames = (value: unknown): unknown => (typeof value === 'string' ? value.split(',') : value);

/** A comma-separated string (or a StringList, which arrives as an array) → trimmed names. */
const nameList = z.pipe(
  z.transform(splitNames),
  z.array(z.string().check(z.trim(), z.minLength(1))).check(z.minLength(1)),
);

/** A user created from settings when missing (its password is a SecureString). */
const seedUserSchema = (defaultRoles: string[]) =>
  z.object({
    email: z.pipe(
      z.pipe(z.string().check(z.trim(), z.maxLength(MAX_EMAIL_LENGTH)), z.email()),
      z.transform(normalizeEmail),
    ),
    password: z.string().check(z.minLength(MIN_PASSWORD_LENGTH)),
    roles: z._default(nameList, defaultRoles),
  });

/** Every auth-service function reads these: the public keys, and how tokens are checked. */
const keySettingsShape = {
  logLevel: z._default(z.string(), 'info'),
  /** `shared/auth/{jwksUrl,issuer}` (every verifier's), and `auth-service/auth/audience`, its own. */
  auth: authSettingsSchema,
  /**
   * `audiences`: the resource services tokens may be issued for (`resource` at login and refresh),
   * each one's `auth/audience`; comma-separated or a StringList. The authorizer accepts these.
   */
  audiences: z._default(
    z.pipe(z.transform(splitNames), z.array(z.string().check(z.trim(), z.minLength(1), z.maxLength(256)))),
    [],
  ),
  /**
   * `signing/publicKeys`: String JSON `{ current, previous?, next? }` of PUBLIC ES256 JWKs (one with
   * `d` is refused). The JWKS serves them, the authorizer verifies with them, and token and refresh
   * sign only with the private key of `current`. The private keys are not in this tree.
   */
  signing: z.object({ publicKeys: publicKeysJsonSchema }),
};

/**
 * auth-service's settings (every function but jwks and the authorizer), from
 * `/platform/<stage>/shared/...` and `/platform/<stage>/auth-service/...`. `db/url` is shared
 * (locally, the local system publishes the embedded PostgreSQL's URL there).
 */
export const authServiceSettingsSchema = z.object({
  ...keySettingsShape,
  db: dbSettingsSchema,
  tokens: z.prefault(
    z.object({
      /** Access token lifetime: short, since access tokens cannot be revoked. */
      accessTtlSeconds: z._default(seconds.check(z.maximum(3600)), 900),
      /** Refresh token lifetime (each rotation starts a new one): a session idle this long ends. */
      refreshTtlSeconds: z._default(seconds, 2_592_000),
      /** No session outlives its login by more than this, however often it rotates (90 days). */
      refreshMaxLifetimeSeconds: z._default(seconds, 7_776_000),
      /** A rotated refresh token presented again within this many seconds gets the same successor (0: never). */
      refreshReuseGraceSeconds: z._default(z.coerce.number().check(z.int(), z.minimum(0), z.maximum(300)), 30),
    }),
    {},
  ),
  /** Login throttling: see `LockoutPolicy` in core/lockout.ts and the README. */
  lockout: z.prefault(
    z.object({
      maxAttempts: z._default(seconds, 5),
      windowSeconds: z._default(seconds, 900),
      seconds: z._default(seconds, 900),
      accountFreeFailures: z._default(seconds, 10),
      accountMaxDelaySeconds: z._default(seconds, 300),
      knownAddressDays: z._default(seconds, 30),
    }),
    {},
  ),
  /** How long `login_attempts` rows are kept (the hourly purge deletes older ones). */
  loginAttempts: z.prefault(z.object({ retentionDays: z._default(seconds, 90) }), {}),
  /** How long a container keeps the role → scopes table. */
  rolesCacheSeconds: z._default(seconds, 60),
  /** The first admin, created when missing (role `admin`). */
  bootstrapAdmin: z.optional(seedUserSchema(['admin'])),
  /** A demo user with a known password: seeded on the `local` stage only, refused elsewhere. */
  demoUser: z.optional(seedUserSchema(['risk-operator'])),
});

export type AuthServiceSettings = z.output<typeof authServiceSettingsSchema>;

/** The container's settings, cached five minutes. */
export const settings = defineSettings({ service: 'auth-service', schema: authServiceSettingsSchema });

/** What the jwks and authorizer functions need: no database. */
export const keySettingsSchema = z.object(keySettingsShape);

export type KeySettings = z.output<typeof keySettingsSchema>;

/** The key settings of the jwks and authorizer functions, cached five minutes. */
export const keySettings = defineSettings({ service: 'auth-service', schema: keySettingsSchema });

/**
 * The private signing keys, under `/platform/<stage>/auth-service-signing/` (and shared, unused):
 * a tree of their own, so that IAM can let token and refresh read it and no other function.
 * `keys`: SecureString JSON `{ current, previous?, next? }` of private ES256 JWKs, labelled as
 * `auth-service/signing/publicKeys` is.
 */
export const signingSettingsSchema = z.object({ keys: signingKeysJsonSchema });

export type SigningSettings = z.output<typeof signingSettingsSchema>;

/** The private signing keys of the token and refresh functions, cached five minutes. */
export const signingSettings = defineSettings({ service: 'auth-service-signing', schema: signingSettingsSchema });
