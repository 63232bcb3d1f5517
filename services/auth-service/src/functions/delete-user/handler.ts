import { http } from '@platform/lambda';
import { toStatusError } from '../../adapters/responses.js';
import { USERS_ADMIN_SCOPE } from '../../core/default-roles.js';
import { deleteUser } from '../../core/delete-user.js';
import { authDeps } from '../../deps.js';
import { settings } from '../../settings.js';
import { deleteUserInput } from './schema.js';

/** DELETE /auth/users/{id}: deletes a user and their sessions; `users:admin` only, never oneself. */
export const handler = http(
  { settings, errors: toStatusError, input: deleteUserInput, auth: { scopes: [USERS_ADMIN_SCOPE] } },
  async ({ path }, ctx) => {
    await deleteUser(await authDeps(ctx), path.id, ctx.principal?.sub);
    ctx.logger.info({ userId: path.id, by: ctx.principal?.sub }, 'User deleted');
    return { id: path.id, deleted: true };
  },
);
