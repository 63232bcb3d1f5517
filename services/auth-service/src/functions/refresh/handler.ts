import { http } from '@platform/lambda';
import { toStatusError } from '../../adapters/responses.js';
import { refreshSession } from '../../core/refresh-session.js';
import { authDeps } from '../../deps.js';
import { settings } from '../../settings.js';
import { refreshInput } from './schema.js';

/** POST /auth/token/refresh: rotates the refresh token; reuse of a rotated one revokes its family. */
export const handler = http({ settings, errors: toStatusError, input: refreshInput }, async ({ body }, ctx) => {
  ctx.responseHeaders['cache-control'] = 'no-store';
  return refreshSession(await authDeps(ctx, { sign: true }), body.refreshToken, body.resource);
});
