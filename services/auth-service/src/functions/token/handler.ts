import { http } from '@platform/lambda';
import { toStatusError } from '../../adapters/responses.js';
import { logIn } from '../../core/log-in.js';
import { authDeps } from '../../deps.js';
import { settings } from '../../settings.js';
import { tokenInput } from './schema.js';

/** POST /auth/token: email + password → access and refresh tokens; 401 generic, 429 when locked. */
export const handler = http({ settings, errors: toStatusError, input: tokenInput }, async ({ body }, ctx) => {
  ctx.responseHeaders['cache-control'] = 'no-store'; // RFC 6749 §5.1: token responses are not cached
  return logIn(await authDeps(ctx, { seedUsers: true, sign: true }), { ...body, clientAddress: ctx.sourceIp });
});
