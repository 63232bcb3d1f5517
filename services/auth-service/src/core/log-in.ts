import { randomUUID } from 'node:crypto';
import { AccountLockedError, InvalidCredentialsError } from './errors.js';
import { normalizeEmail } from './email.js';
import { refreshTokenFor, tokenPairFor } from './issue-token-pair.js';
import { lockoutState, lookbackStart, secondsUntil } from './lockout.js';
import type { AuthDeps } from './ports.js';
import type { TokenPair, User } from './types.js';

/**
 * Exchanges email and password for an access token and a refresh token (a new family).
 *
 * 1. Normalise the email and read its recent attempts; while it is locked, refuse with 429 and
 *    Retry-After without checking the password (recorded as `locked`).
 * 2. Check the password — against a dummy hash when there is no such user, so unknown emails
 *    take as long as known ones, and lock the same way.
 * 3. Wrong → record the failure (it locks the email when it is the `maxAttempts`-th in the
 *    window) and answer the one generic 401.
 * 4. Right → record the success, re-hash a password stored at an outdated cost, issue the pair.
 */
export const logIn = async (deps: AuthDeps, input: { email: string; password: string }): Promise<TokenPair> => {
  const email = normalizeEmail(input.email);
  const now = deps.clock();
  const attempts = await deps.loginAttempts.recent(email, lookbackStart(now, deps.lockout), deps.lockout.maxAttempts);
  const state = lockoutState(attempts, now, deps.lockout);
  const user = await deps.users.findByEmail(email);
  const attempt = { email, userId: user?.id, at: now, lockedUntil: undefined };
  if (state.lockedUntil) {
    await deps.loginAttempts.record({ ...attempt, outcome: 'locked' });
    throw new AccountLockedError(secondsUntil(state.lockedUntil, now));
  }

  if (!(await deps.hasher.verify(input.password, user?.passwordHash)) || !user) {
    const locks = state.failures + 1 >= deps.lockout.maxAttempts;
    const lockedUntil = locks ? new Date(now.getTime() + deps.lockout.seconds * 1000) : undefined;
    await deps.loginAttempts.record({ ...attempt, outcome: 'failure', lockedUntil });
    throw new InvalidCredentialsError();
  }

  await deps.loginAttempts.record({ ...attempt, outcome: 'success' });
  await upgradeHash(deps, user, input.password);
  const refresh = refreshTokenFor(deps, user.id, randomUUID());
  await deps.refreshTokens.create(refresh.row);
  return tokenPairFor(deps, user, refresh.token);
};

/** Re-hashes a password stored with other scrypt parameters than today's, now that it is known. */
const upgradeHash = async (deps: Pick<AuthDeps, 'hasher' | 'users'>, user: User, password: string): Promise<void> => {
  if (!deps.hasher.needsRehash(user.passwordHash)) return;
  await deps.users.updatePasswordHash(user.id, await deps.hasher.hash(password));
};
