import { UserNotFoundError } from './errors.js';
import { profileOf } from './scopes-of.js';
import type { AuthDeps } from './ports.js';
import type { Profile } from './types.js';

/** The profile of the user `id` (the caller's `sub`): id, email, roles, current scopes, createdAt. */
export const getProfile = async (deps: Pick<AuthDeps, 'users' | 'roles'>, id: string): Promise<Profile> => {
  const user = await deps.users.findById(id);
  if (!user) throw new UserNotFoundError(id);
  return profileOf(user, deps.roles);
};
