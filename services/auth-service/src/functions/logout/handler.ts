import { http } from '@platform/lambda';
import { logOutResponse, toStatusError } from '../../adapters/responses.js';
import { logOut } from '../../core/log-out.js';
import { authDeps } from '../../deps.js';
import { settings } from '../../settings.js';
import { logoutInput } from './schema.js';

/** POST /auth/logout: revokes the refresh token's family; an unknown token is `skipped`. */
export const handler = http({ settings, errors: toStatusError, input: logoutInput }, async ({ body }, ctx) =>
  logOutResponse(await logOut(await authDeps(ctx), body.refreshToken)),
);
