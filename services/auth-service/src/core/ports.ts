import type { LockoutPolicy, ThrottleCounter } from './lockout.js';
import type { LoginAttempt, NewRefreshToken, RefreshTokenRecord, User } from './types.js';

/** Users and their roles. Implemented by `user-repository.postgres.ts`. */
export interface UserRepository {
  findByEmail(email: string): Promise<User | undefined>;
  findById(id: string): Promise<User | undefined>;
  /** Creates a user with these roles; throws `EmailTakenError` when the email exists. */
  create(user: { email: string; passwordHash: string; roles: readonly string[] }): Promise<User>;
  updatePasswordHash(id: string, passwordHash: string): Promise<void>;
  /** Replaces the user's roles; undefined when there is no such user. */
  setRoles(id: string, roles: readonly string[]): Promise<User | undefined>;
  /**
   * Deletes the user with their roles and refresh tokens (login records keep their rows, without
   * the user); false when there is no such user.
   */
  delete(id: string): Promise<boolean>;
}

/** The role → scopes table. Implemented by `role-repository.postgres.ts`. */
export interface RoleRepository {
  /** Every role and its scopes. */
  all(): Promise<ReadonlyMap<string, readonly string[]>>;
  /** Inserts the roles that do not exist yet; existing ones (maybe edited by ops) are left alone. */
  insertMissing(roles: Readonly<Record<string, readonly string[]>>): Promise<void>;
}

/** The role → scopes table as the use cases read it: cached per container (`cached-role-catalog.ts`). */
export interface RoleCatalog {
  scopesByRole(): Promise<ReadonlyMap<string, readonly string[]>>;
}

/** Refresh tokens, by hash. Implemented by `refresh-token-repository.postgres.ts`. */
export interface RefreshTokenRepository {
  create(token: NewRefreshToken): Promise<void>;
  findByHash(tokenHash: string): Promise<RefreshTokenRecord | undefined>;
  /**
   * Marks `id` used and stores its successor, atomically, only if `id` is still neither used nor
   * revoked. False when another rotation or a revocation got there first.
   */
  rotate(id: string, usedAt: Date, successor: NewRefreshToken): Promise<boolean>;
  /** Revokes every token of the family not revoked yet; returns how many. */
  revokeFamily(familyId: string, at: Date): Promise<number>;
  /** When the family's first token was created (the login), if any token of it is left. */
  familyStartedAt(familyId: string): Promise<Date | undefined>;
  /**
   * Deletes whole families whose every token expired or was revoked before `before` (a live
   * family keeps all its rows: its first one dates the login); returns how many tokens.
   */
  purgeEndedFamilies(before: Date): Promise<number>;
}

/** login_attempts: the audit trail of logins. Implemented by `login-attempt-repository.postgres.ts`. */
export interface LoginAttemptRepository {
  record(attempt: LoginAttempt): Promise<void>;
  /** Deletes attempts made before `before`; returns how many. */
  purge(before: Date): Promise<number>;
}

/** login_throttles: the lockout's counters. Implemented by `login-throttle-store.postgres.ts`. */
export interface LoginThrottleStore {
  /**
   * Reads the counters of `keys` (an empty counter for a missing one), lets `change` compute their
   * new values and stores them — with the counters locked meanwhile, so concurrent attempts on
   * the same keys run one after another. `change` is synchronous and may run only once.
   */
  update<K extends string, T>(
    keys: Readonly<Record<K, string>>,
    now: Date,
    change: (counters: Record<K, ThrottleCounter>) => { counters: Record<K, ThrottleCounter>; result: T },
  ): Promise<T>;
  /**
   * Deletes counters last changed before `idleBefore` whose address never logged in, and those
   * last changed before `knownBefore`; returns how many.
   */
  purge(idleBefore: Date, knownBefore: Date): Promise<number>;
}

/** Password hashing. Implemented by `password-hasher.scrypt.ts`. */
export interface PasswordHasher {
  hash(password: string): Promise<string>;
  /**
   * Whether `password` matches `stored`. With `stored` undefined (no such user) it still spends the
   * time of a real check, against a dummy hash, and answers false.
   */
  verify(password: string, stored: string | undefined): Promise<boolean>;
  /** Whether `stored` was made with other parameters than the hasher's current ones. */
  needsRehash(stored: string): boolean;
}

/** Signs access tokens. Implemented by `access-token-signer.jose.ts`. */
export interface AccessTokenSigner {
  /** A signed JWT for `sub` with these scopes, and its lifetime in seconds. */
  sign(claims: {
    sub: string;
    scopes: readonly string[];
    audience: string;
  }): Promise<{ token: string; expiresIn: number }>;
}

/** The time, injectable for tests. */
export type Clock = () => Date;

/** For which resource services access tokens are issued (their `aud`). */
export interface AudiencePolicy {
  /** auth-service's own audience (its /auth/me and admin endpoints): the default. */
  own: string;
  /** The resource services a client may ask a token for (`resource`), one per token. */
  resources: readonly string[];
}

/** How refresh tokens live and rotate. */
export interface RefreshPolicy {
  /** Each token expires this long after it was issued (a rotation issues a new one): the idle limit. */
  ttlSeconds: number;
  /** No token of a family outlives the login by more than this, however often it rotates. */
  maxLifetimeSeconds: number;
  /** A rotated token presented again within this many seconds gets its successor again (0: never). */
  reuseGraceSeconds: number;
  /** Key of the successor HMAC (`successorOf`): secret, stable across containers. */
  rotationKey: Uint8Array;
}

/** The ports and settings the auth use cases need. */
export interface AuthDeps {
  users: UserRepository;
  roles: RoleCatalog;
  refreshTokens: RefreshTokenRepository;
  loginAttempts: LoginAttemptRepository;
  loginThrottles: LoginThrottleStore;
  hasher: PasswordHasher;
  signer: AccessTokenSigner;
  clock: Clock;
  refresh: RefreshPolicy;
  audiences: AudiencePolicy;
  lockout: LockoutPolicy;
}
