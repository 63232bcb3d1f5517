import { randomUUID } from 'node:crypto';
import { AccountLockedError, InvalidCredentialsError } from './errors.js';
import { normalizeEmail } from './email.js';
import { audienceFor, refreshTokenFor, tokenPairFor } from './issue-token-pair.js';
import { checkSucceeded, clientAddressKey, reserveCheck, throttleKeysOf, UNKNOWN_ADDRESS } from './lockout.js';
import type { AuthDeps } from './ports.js';
import type { TokenPair, User } from './types.js';

/**
 * Exchanges email and password for an access token and a refresh token (a new family).
 *
 * 0. The token's audience: `resource` when it is a configured resource service (else 400), or
 *    auth-service's own.
 * 1. Normalise the email; reserve a password check on its counters (see `lockout.ts`): the
 *    account from this client address, and the account as a whole. Refused → 429 with
 *    Retry-After, the password unchecked (recorded as `locked`). The reservation counts the
 *    check before it runs, so N concurrent guesses get at most `maxAttempts` checks.
 * 2. Check the password — against a dummy hash when there is no such user, so unknown emails
 *    take as long as known ones, and lock the same way.
 * 3. Wrong → record the failure (it is counted already) and answer the one generic 401.
 * 4. Right → give the reservation back and mark the address known, record the success, re-hash
 *    a password stored at an outdated cost, issue the pair.
 */
export const logIn = async (
  deps: AuthDeps,
  input: { email: string; password: string; clientAddress?: string | undefined; resource?: string | undefined },
): Promise<TokenPair> => {
  const audience = audienceFor(deps, input.resource);
  const email = normalizeEmail(input.email);
  const now = deps.clock();
  const keys = throttleKeysOf(email, input.clientAddress);
  const reservation = await deps.loginThrottles.update(keys, now, (counters) => {
    const { reservation, ...next } = reserveCheck(counters, now, deps.lockout);
    return { counters: next, result: reservation };
  });
  const user = await deps.users.findByEmail(email);
  const attempt = { email, userId: user?.id, at: now, lockedUntil: undefined };
  if (!reservation.allowed) {
    await deps.loginAttempts.record({ ...attempt, outcome: 'locked' });
    throw new AccountLockedError(reservation.retryAfterSeconds);
  }

  if (!(await deps.hasher.verify(input.password, user?.passwordHash)) || !user) {
    await deps.loginAttempts.record({ ...attempt, outcome: 'failure', lockedUntil: reservation.pairLockedUntil });
    throw new InvalidCredentialsError();
  }

  const rememberAddress = clientAddressKey(input.clientAddress) !== UNKNOWN_ADDRESS;
  await deps.loginThrottles.update(keys, now, (counters) => ({
    counters: checkSucceeded(counters, deps.clock(), {
      countedOnAccount: reservation.countedOnAccount,
      rememberAddress,
    }),
    result: undefined,
  }));
  await deps.loginAttempts.record({ ...attempt, outcome: 'success' });
  await upgradeHash(deps, user, input.password);
  // The first token of the family, capped like its successors: no longer than the session may last.
  const cap = new Date(now.getTime() + deps.refresh.maxLifetimeSeconds * 1000);
  const refresh = refreshTokenFor(deps, user.id, randomUUID(), { cap });
  await deps.refreshTokens.create(refresh.row);
  return tokenPairFor(deps, user, { token: refresh.token, expiresAt: refresh.row.expiresAt }, audience);
};

/** Re-hashes a password stored with other scrypt parameters than today's, now that it is known. */
const upgradeHash = async (deps: Pick<AuthDeps, 'hasher' | 'users'>, user: User, password: string): Promise<void> => {
  if (!deps.hasher.needsRehash(user.passwordHash)) return;
  await deps.users.updatePasswordHash(user.id, await deps.hasher.hash(password));
};
