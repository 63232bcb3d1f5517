/**
 * The role → scopes table seeded into Postgres on first run. Ops may edit the table afterwards
 * (containers see edits within `rolesCacheSeconds`); seeding never overwrites an existing role.
 */
export const DEFAULT_ROLES: Readonly<Record<string, readonly string[]>> = {
  'risk-reader': ['risk:read'],
  'risk-operator': ['risk:read', 'risk:refresh'],
  admin: ['users:admin', 'risk:read', 'risk:refresh'],
};

/** The scope that allows managing users' roles. */
export const USERS_ADMIN_SCOPE = 'users:admin';
