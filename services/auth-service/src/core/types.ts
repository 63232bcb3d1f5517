/** A stored user. `passwordHash` is `scrypt$N$r$p$salt$hash`; it never leaves the service. */
export interface User {
  id: string;
  /** Normalised: trimmed, lower-case. */
  email: string;
  passwordHash: string;
  roles: string[];
  createdAt: Date;
}

/** What a user may see of themselves, and what admins see of a user. */
export interface Profile {
  id: string;
  email: string;
  roles: string[];
  /** The scopes the roles grant now (tokens carry the scopes of when they were issued). */
  scopes: string[];
  /** ISO 8601. */
  createdAt: string;
}

/** The answer of a successful login or refresh. */
export interface TokenPair {
  tokenType: 'Bearer';
  /** JWT (ES256): iss, aud, sub, scope, iat, exp, jti; `kid` in the header. */
  accessToken: string;
  /** Seconds until the access token expires. */
  expiresIn: number;
  /** Opaque; send it to /auth/token/refresh for a new pair, or to /auth/logout. Single use. */
  refreshToken: string;
  /** Seconds until the refresh token expires. */
  refreshExpiresIn: number;
  /** The granted scopes, space-separated (as in the token). */
  scope: string;
}

/** What a login attempt came to. `locked`: refused unchecked (a lock or an account-wide delay). */
export type LoginOutcome = 'success' | 'failure' | 'locked';

/** One row of login_attempts. */
export interface LoginAttempt {
  email: string;
  userId: string | undefined;
  outcome: LoginOutcome;
  at: Date;
  /** Set on the failure after which its address was locked out of the account: until when. */
  lockedUntil: Date | undefined;
}

/** A stored refresh token: only its SHA-256 hash is kept. */
export interface RefreshTokenRecord {
  id: string;
  /** SHA-256 of the token, base64url. */
  tokenHash: string;
  /** Every token rotated from one login shares its family; reuse revokes the whole family. */
  familyId: string;
  userId: string;
  expiresAt: Date;
  /** When it was rotated (exchanged for its successor). */
  usedAt: Date | undefined;
  revokedAt: Date | undefined;
}

/** A new refresh token row (not used, not revoked). */
export type NewRefreshToken = Omit<RefreshTokenRecord, 'usedAt' | 'revokedAt'>;
