import type { RoleCatalog } from './ports.js';
import type { Profile, User } from './types.js';

/**
 * The scopes roles grant: the union of each role's scopes, sorted, without duplicates. Roles the
 * table no longer defines grant nothing.
 *
 * @example
 * await scopesOf(['risk-reader', 'risk-operator'], catalog) // ['risk:read', 'risk:refresh']
 */
export const scopesOf = async (roles: readonly string[], catalog: RoleCatalog): Promise<string[]> => {
  const table = await catalog.scopesByRole();
  return [...new Set(roles.flatMap((role) => table.get(role) ?? []))].sort();
};

/** A user as the API shows it: no password hash, scopes resolved from the roles. */
export const profileOf = async (user: User, catalog: RoleCatalog): Promise<Profile> => ({
  id: user.id,
  email: user.email,
  roles: [...user.roles].sort(),
  scopes: await scopesOf(user.roles, catalog),
  createdAt: user.createdAt.toISOString(),
});
