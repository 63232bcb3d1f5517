import { EmailTakenError } from './errors.js';
import { normalizeEmail } from './email.js';
import { checkPasswordPolicy } from './password-policy.js';
import { profileOf } from './scopes-of.js';
import type { AuthDeps } from './ports.js';
import type { Profile } from './types.js';

/**
 * Registers a user with no roles (an admin grants them).
 *
 * 1. Normalise the email; check the password policy (400 naming the rule).
 * 2. A registered email → conflict (409), before spending a hash on it.
 * 3. Hash the password (scrypt) and store the user; a concurrent registration of the same
 *    email loses on the unique index and gets the same conflict.
 */
export const registerUser = async (
  deps: Pick<AuthDeps, 'users' | 'hasher' | 'roles'>,
  input: { email: string; password: string },
): Promise<Profile> => {
  const email = normalizeEmail(input.email);
  checkPasswordPolicy(input.password, email);
  if (await deps.users.findByEmail(email)) throw new EmailTakenError();
  const passwordHash = await deps.hasher.hash(input.password);
  const user = await deps.users.create({ email, passwordHash, roles: [] });
  return profileOf(user, deps.roles);
};
