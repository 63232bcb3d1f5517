import { http } from '@platform/lambda';
import { toStatusError } from '../../adapters/responses.js';
import { USERS_ADMIN_SCOPE } from '../../core/default-roles.js';
import { setUserRoles } from '../../core/set-user-roles.js';
import { authDeps } from '../../deps.js';
import { settings } from '../../settings.js';
import { setRolesInput } from './schema.js';

/** PUT /auth/users/{id}/roles: replaces a user's roles; `users:admin` only. */
export const handler = http(
  { settings, errors: toStatusError, input: setRolesInput, auth: { scopes: [USERS_ADMIN_SCOPE] } },
  async ({ path, body }, ctx) => {
    const profile = await setUserRoles(await authDeps(ctx), path.id, body.roles);
    ctx.logger.info({ userId: profile.id, roles: profile.roles, by: ctx.principal?.sub }, 'Roles set');
    return profile;
  },
);
