import { z } from 'zod';
import { authSettingsSchema } from '@platform/auth';
import { dbSettingsSchema } from '@platform/db';
import { defineSettings } from '@platform/settings';
import { publicKeysJsonSchema } from './adapters/public-keys.js';
import { signingKeysJsonSchema } from './adapters/signing-keys.js';
import { MAX_EMAIL_LENGTH, normalizeEmail } from './core/email.js';
import { MIN_PASSWORD_LENGTH } from './core/password-policy.js';

const seconds = z.coerce.number().int().positive();

/** A comma-separated string (or a StringList, which arrives as an array) → trimmed names. */
const nameList = z.preprocess(
  (value) => (typeof value === 'string' ? value.split(',') : value),
  z.array(z.string().trim().min(1)).min(1),
);

/** A user created from settings when missing (its password is a SecureString). */
const seedUserSchema = (defaultRoles: string[]) =>
  z.object({
    email: z.string().trim().max(MAX_EMAIL_LENGTH).pipe(z.email()).transform(normalizeEmail),
    password: z.string().min(MIN_PASSWORD_LENGTH),
    roles: nameList.default(defaultRoles),
  });

/** Every auth-service function reads these: the public keys, and how tokens are checked. */
const keySettingsShape = {
  logLevel: z.string().default('info'),
  /** `shared/auth/{jwksUrl,issuer}` (every verifier's), and `auth-service/auth/audience`, its own. */
  auth: authSettingsSchema,
  /**
   * `audiences`: the resource services tokens may be issued for (`resource` at login and refresh),
   * each one's `auth/audience`; comma-separated or a StringList. The authorizer accepts these.
   */
  audiences: z
    .preprocess(
      (value) => (typeof value === 'string' ? value.split(',') : value),
      z.array(z.string().trim().min(1).max(256)),
    )
    .default([]),
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
  tokens: z
    .object({
      /** Access token lifetime: short, since access tokens cannot be revoked. */
      accessTtlSeconds: seconds.max(3600).default(900),
      /** Refresh token lifetime (each rotation starts a new one): a session idle this long ends. */
      refreshTtlSeconds: seconds.default(2_592_000),
      /** No session outlives its login by more than this, however often it rotates (90 days). */
      refreshMaxLifetimeSeconds: seconds.default(7_776_000),
      /** A rotated refresh token presented again within this many seconds gets the same successor (0: never). */
      refreshReuseGraceSeconds: z.coerce.number().int().min(0).max(300).default(30),
    })
    .prefault({}),
  /** Login throttling: see `LockoutPolicy` in core/lockout.ts and the README. */
  lockout: z
    .object({
      maxAttempts: seconds.default(5),
      windowSeconds: seconds.default(900),
      seconds: seconds.default(900),
      accountFreeFailures: seconds.default(10),
      accountMaxDelaySeconds: seconds.default(300),
      knownAddressDays: seconds.default(30),
    })
    .prefault({}),
  /** How long `login_attempts` rows are kept (the hourly purge deletes older ones). */
  loginAttempts: z.object({ retentionDays: seconds.default(90) }).prefault({}),
  /** How long a container keeps the role → scopes table. */
  rolesCacheSeconds: seconds.default(60),
  /** The first admin, created when missing (role `admin`). */
  bootstrapAdmin: seedUserSchema(['admin']).optional(),
  /** A demo user with a known password: seeded on the `local` stage only, refused elsewhere. */
  demoUser: seedUserSchema(['risk-operator']).optional(),
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
