import { http } from '@platform/lambda';
import { registerUser } from '../../core/register-user.js';
import { authDeps } from '../../deps.js';
import { settings } from '../../settings.js';
import { registerInput } from './schema.js';

/** POST /auth/users: registers a user (no roles); 409 when the email is taken. */
export const handler = http({ settings, input: registerInput }, async ({ body }, ctx) =>
  registerUser(await authDeps(ctx, { seedUsers: true }), body),
);
