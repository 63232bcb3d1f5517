/**
 * POST /auth/token as both anchor families build it: auth-service's own login use case, models
 * and repositories (the data access is the service's choice, Sequelize over pg, not the
 * platform's), on a Sequelize instance made directly with a pool of one, without `@platform/db`'s
 * lifecycle, the settings schema, seeding or table sync (the benchmark creates the tables and
 * the user first). What is left to compare is the platform layer around it.
 */
import { hkdfSync } from 'node:crypto';
import pg from 'pg';
import { Sequelize } from 'sequelize';
import { JoseAccessTokenSigner } from '../../../services/auth-service/src/adapters/access-token-signer.jose.js';
import { CachedRoleCatalog } from '../../../services/auth-service/src/adapters/cached-role-catalog.js';
import { PostgresLoginAttemptRepository } from '../../../services/auth-service/src/adapters/login-attempt-repository.postgres.js';
import { PostgresLoginThrottleStore } from '../../../services/auth-service/src/adapters/login-throttle-store.postgres.js';
import { defineModels } from '../../../services/auth-service/src/adapters/models.js';
import { ScryptPasswordHasher } from '../../../services/auth-service/src/adapters/password-hasher.scrypt.js';
import { PostgresRefreshTokenRepository } from '../../../services/auth-service/src/adapters/refresh-token-repository.postgres.js';
import { PostgresRoleRepository } from '../../../services/auth-service/src/adapters/role-repository.postgres.js';
import { PostgresUserRepository } from '../../../services/auth-service/src/adapters/user-repository.postgres.js';
import { AccountLockedError, InvalidCredentialsError } from '../../../services/auth-service/src/core/errors.js';
import { logIn } from '../../../services/auth-service/src/core/log-in.js';
import type { AuthDeps } from '../../../services/auth-service/src/core/ports.js';
import { answer, header, type ApiAnswer, type ApiEvent } from './http.js';

const hasher = new ScryptPasswordHasher();
let built: { values: Map<string, string>; deps: AuthDeps } | undefined;
let sequelize: Sequelize | undefined;

const depsOf = (values: Map<string, string>): AuthDeps => {
  if (built?.values === values) return built.deps;
  sequelize ??= new Sequelize(values.get('db/url') ?? '', {
    dialect: 'postgres',
    dialectModule: pg,
    logging: false,
    pool: { max: 1, min: 0, idle: 0, acquire: 3000, evict: 0 },
  });
  const handle = { sequelize, models: defineModels(sequelize), applicationName: 'auth-service' };
  const { current: key } = JSON.parse(values.get('keys') ?? '{}') as {
    current: ConstructorParameters<typeof JoseAccessTokenSigner>[0]['key'] & { d: string };
  };
  const deps: AuthDeps = {
    users: new PostgresUserRepository(handle),
    roles: new CachedRoleCatalog(new PostgresRoleRepository(handle), 60),
    refreshTokens: new PostgresRefreshTokenRepository(handle),
    loginAttempts: new PostgresLoginAttemptRepository(handle),
    loginThrottles: new PostgresLoginThrottleStore(handle),
    hasher,
    signer: new JoseAccessTokenSigner({ key, issuer: values.get('auth/issuer') ?? '', ttlSeconds: 900 }),
    clock: () => new Date(),
    refresh: {
      ttlSeconds: 2_592_000,
      maxLifetimeSeconds: 7_776_000,
      reuseGraceSeconds: 30,
      rotationKey: new Uint8Array(
        hkdfSync('sha256', Buffer.from(key.d, 'base64url'), 'auth-service', 'refresh-token-successor', 32),
      ),
    },
    audiences: { own: values.get('auth/audience') ?? '', resources: [] },
    lockout: {
      maxAttempts: 5,
      windowSeconds: 900,
      seconds: 900,
      accountFreeFailures: 10,
      accountMaxDelaySeconds: 300,
      knownAddressDays: 30,
    },
  };
  built = { values, deps };
  return deps;
};

/** The handler body both families share; `values` are the merged settings trees. */
export const token = async (event: ApiEvent, values: Map<string, string>): Promise<ApiAnswer> => {
  let body: { email?: unknown; password?: unknown };
  try {
    body = JSON.parse(event.body ?? '') as typeof body;
  } catch {
    return answer(400, 'Invalid JSON body');
  }
  if (typeof body.email !== 'string' || typeof body.password !== 'string')
    return answer(400, 'Invalid credentials body');
  try {
    const tokens = await logIn(depsOf(values), {
      email: body.email,
      password: body.password,
      clientAddress: header(event, 'x-forwarded-for'),
    });
    return answer(200, 'OK', tokens);
  } catch (error) {
    if (error instanceof InvalidCredentialsError) return answer(401, 'Invalid email or password');
    if (error instanceof AccountLockedError) return answer(429, 'Too many attempts');
    throw error;
  }
};
