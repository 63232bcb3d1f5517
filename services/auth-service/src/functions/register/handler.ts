import { http } from '@platform/lambda';
import { toStatusError } from '../../adapters/responses.js';
import { USERS_ADMIN_SCOPE } from '../../core/default-roles.js';
import { registerUser } from '../../core/register-user.js';
import { authDeps } from '../../deps.js';
import { settings } from '../../settings.js';
import { registerInput } from './schema.js';

/**
 * POST /auth/users: an admin (`users:admin`) creates a user (no roles); 409 when the email is
 * taken. Not public: anyone could otherwise learn which emails have accounts, and spend scrypt.
 */
export const handler = http(
  { settings, errors: toStatusError, input: registerInput, auth: { scopes: [USERS_ADMIN_SCOPE] } },
  async ({ body }, ctx) => {
    const profile = await registerUser(await authDeps(ctx, { seedUsers: true }), body);
    ctx.logger.info({ userId: profile.id, by: ctx.principal?.sub }, 'User created');
    return profile;
  },
);
