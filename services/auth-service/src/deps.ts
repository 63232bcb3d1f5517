import { hkdfSync, randomBytes } from 'node:crypto';
import { defineDatabase, type DatabaseHandle } from '@platform/db';
import { JoseAccessTokenSigner } from './adapters/access-token-signer.jose.js';
import { NoAccessTokenSigner } from './adapters/access-token-signer.none.js';
import { CachedRoleCatalog } from './adapters/cached-role-catalog.js';
import { PostgresLoginAttemptRepository } from './adapters/login-attempt-repository.postgres.js';
import { PostgresLoginThrottleStore } from './adapters/login-throttle-store.postgres.js';
import { defineModels, type AuthModels } from './adapters/models.js';
import { ScryptPasswordHasher } from './adapters/password-hasher.scrypt.js';
import { signingKeyOf, type PrivateSigningJwk, type SigningKeys } from './adapters/signing-keys.js';
import { PostgresRefreshTokenRepository } from './adapters/refresh-token-repository.postgres.js';
import { PostgresRoleRepository } from './adapters/role-repository.postgres.js';
import { PostgresUserRepository } from './adapters/user-repository.postgres.js';
import { bootstrap, type BootstrapReport } from './core/bootstrap.js';
import type { AuthDeps } from './core/ports.js';
import { settings as serviceSettings, signingSettings, type AuthServiceSettings } from './settings.js';

/** The container's database: tables created by `sync` on first use. */
export const database = defineDatabase({ define: defineModels, sync: true, applicationName: 'auth-service' });

/** The logging `authDeps` needs; the handler's `ctx.logger` fits. */
interface DepsLogger {
  info(details: object, message: string): void;
  error(details: object, message: string): void;
}

/** Options of {@link authDeps}. */
export interface AuthDepsOptions {
  /**
   * Also seed the bootstrap admin and demo user: only functions sized for scrypt do (register,
   * token). The others seed the roles table only.
   */
  seedUsers?: boolean;
  /**
   * Load the private signing keys (`auth-service-signing/keys`) and sign with the one published as
   * `current`: token and refresh only, the functions whose role may read them. Without it the
   * signer refuses to sign and the refresh rotation key is a random one of this container.
   */
  sign?: boolean;
}

/** One per container; scrypt's dummy hash lives as long as it. */
const hasher = new ScryptPasswordHasher();

let built:
  | { settings: AuthServiceSettings; handle: DatabaseHandle<AuthModels>; keys: SigningKeys | undefined; deps: AuthDeps }
  | undefined;
let catalog: { handle: DatabaseHandle<AuthModels>; ttlSeconds: number; roles: CachedRoleCatalog } | undefined;
const bootstraps = new WeakMap<DatabaseHandle<AuthModels>, Map<boolean, Promise<BootstrapReport>>>();

/** The role catalog outlives settings reloads: only a new database or TTL replaces it. */
const rolesFor = (handle: DatabaseHandle<AuthModels>, ttlSeconds: number): CachedRoleCatalog => {
  if (catalog?.handle !== handle || catalog.ttlSeconds !== ttlSeconds) {
    catalog = { handle, ttlSeconds, roles: new CachedRoleCatalog(new PostgresRoleRepository(handle), ttlSeconds) };
  }
  return catalog.roles;
};

/**
 * The refresh successor key, derived (HKDF-SHA256) from the signing key's private part:
 * secret, the same in every container, and no new setting to manage. A signing key rotation
 * changes it; only a retry within the reuse grace that straddles the rotation notices.
 */
const rotationKeyOf = (key: PrivateSigningJwk): Uint8Array =>
  new Uint8Array(hkdfSync('sha256', Buffer.from(key.d, 'base64url'), 'auth-service', 'refresh-token-successor', 32));

/** Functions that do not sign never rotate a refresh token either: a key of their own, never used. */
const UNSIGNED_ROTATION_KEY = new Uint8Array(randomBytes(32));

/**
 * The signer and refresh rotation key. With private keys: the one published as `current` (a
 * half-done rotation throws `SigningKeyNotPublishedError`: nothing is signed). Without: none.
 */
const signingOf = (
  settings: AuthServiceSettings,
  keys: SigningKeys | undefined,
): Pick<AuthDeps, 'signer'> & { rotationKey: Uint8Array } => {
  if (!keys) return { signer: new NoAccessTokenSigner(), rotationKey: UNSIGNED_ROTATION_KEY };
  const key = signingKeyOf(keys, settings.signing.publicKeys);
  return {
    signer: new JoseAccessTokenSigner({
      key,
      issuer: settings.auth.issuer,
      ttlSeconds: settings.tokens.accessTtlSeconds,
    }),
    rotationKey: rotationKeyOf(key),
  };
};

const build = (
  settings: AuthServiceSettings,
  handle: DatabaseHandle<AuthModels>,
  signing: ReturnType<typeof signingOf>,
): AuthDeps => ({
  users: new PostgresUserRepository(handle),
  roles: rolesFor(handle, settings.rolesCacheSeconds),
  refreshTokens: new PostgresRefreshTokenRepository(handle),
  loginAttempts: new PostgresLoginAttemptRepository(handle),
  loginThrottles: new PostgresLoginThrottleStore(handle),
  hasher,
  signer: signing.signer,
  clock: () => new Date(),
  refresh: {
    ttlSeconds: settings.tokens.refreshTtlSeconds,
    maxLifetimeSeconds: settings.tokens.refreshMaxLifetimeSeconds,
    reuseGraceSeconds: settings.tokens.refreshReuseGraceSeconds,
    rotationKey: signing.rotationKey,
  },
  audiences: { own: settings.auth.audience, resources: settings.audiences },
  lockout: settings.lockout,
});

/** Seeds once per database instance (and kind); a failed seed is retried by the next call. */
const ensureSeeded = (
  deps: AuthDeps,
  handle: DatabaseHandle<AuthModels>,
  settings: AuthServiceSettings,
  seedUsers: boolean,
  logger: DepsLogger,
): Promise<BootstrapReport> => {
  const seeds = bootstraps.get(handle) ?? new Map<boolean, Promise<BootstrapReport>>();
  bootstraps.set(handle, seeds);
  let seeding = seeds.get(seedUsers);
  if (!seeding) {
    seeding = bootstrap(
      { roleRepository: new PostgresRoleRepository(handle), users: deps.users, hasher: deps.hasher },
      {
        stage: serviceSettings.stage,
        bootstrapAdmin: seedUsers ? settings.bootstrapAdmin : undefined,
        demoUser: seedUsers ? settings.demoUser : undefined,
      },
    ).then((report) => {
      if (report.demoUser === 'refused') {
        logger.error({ stage: serviceSettings.stage }, 'demoUser is set but this stage is not local: not seeded');
      } else if (report.admin === 'created' || report.demoUser === 'created') {
        logger.info({ report }, 'Seeded users from settings');
      }
      return report;
    });
    seeding.catch(() => seeds.delete(seedUsers));
    seeds.set(seedUsers, seeding);
  }
  return seeding;
};

/**
 * The use cases' ports for this container: Postgres repositories on the container's database,
 * the scrypt hasher, and with `sign` the ES256 signer of the published current key (else a signer
 * that refuses). Rebuilt when settings or keys are reloaded (every five minutes) or the database
 * instance changes; the database is seeded first (roles always, users when `seedUsers`), once
 * per instance.
 */
export const authDeps = async (
  context: { settings: AuthServiceSettings; logger: DepsLogger },
  options: AuthDepsOptions = {},
): Promise<AuthDeps> => {
  const { settings } = context;
  const [handle, keys] = await Promise.all([
    database.get(settings.db),
    options.sign ? signingSettings.get().then((signing) => signing.keys) : undefined,
  ]);
  if (built?.settings !== settings || built.handle !== handle || built.keys !== keys)
    built = { settings, handle, keys, deps: build(settings, handle, signingOf(settings, keys)) };
  const { deps } = built;
  await ensureSeeded(deps, handle, settings, options.seedUsers ?? false, context.logger);
  return deps;
};
