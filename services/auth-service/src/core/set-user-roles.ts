import { UnknownRoleError, UserNotFoundError } from './errors.js';
import { profileOf } from './scopes-of.js';
import type { AuthDeps } from './ports.js';
import type { Profile } from './types.js';

/**
 * Replaces a user's roles (callers need `users:admin`, checked by the handler).
 *
 * 1. Every role must be in the roles table (cached) → otherwise 400 naming the unknown ones.
 * 2. Replace the user's roles → 404 when there is no such user.
 * 3. Answer the profile with the scopes the roles now grant. Tokens issued before keep their
 *    scopes until they expire; the next refresh carries the new ones.
 */
export const setUserRoles = async (
  deps: Pick<AuthDeps, 'users' | 'roles'>,
  id: string,
  roles: readonly string[],
): Promise<Profile> => {
  const wanted = [...new Set(roles)];
  const table = await deps.roles.scopesByRole();
  const unknown = wanted.filter((role) => !table.has(role));
  if (unknown.length > 0) throw new UnknownRoleError(unknown);
  const user = await deps.users.setRoles(id, wanted);
  if (!user) throw new UserNotFoundError(id);
  return profileOf(user, deps.roles);
};
