import { http } from '@platform/lambda';
import { toStatusError } from '../../adapters/responses.js';
import { AccountLockedError, InvalidCredentialsError } from '../../core/errors.js';
import { logIn } from '../../core/log-in.js';
import { authDeps } from '../../deps.js';
import { settings } from '../../settings.js';
import { tokenInput } from './schema.js';

/** POST /auth/token: email + password → access and refresh tokens; 401 generic, 429 when locked. */
export const handler = http({ settings, errors: toStatusError, input: tokenInput }, async ({ body }, ctx) => {
  ctx.responseHeaders['cache-control'] = 'no-store'; // RFC 6749 §5.1: token responses are not cached
  try {
    const tokens = await logIn(await authDeps(ctx, { seedUsers: true, sign: true }), {
      ...body,
      clientAddress: ctx.sourceIp,
    });
    ctx.metrics.add('LoginSucceeded', 1, 'Count');
    return tokens;
  } catch (error) {
    // Logins by result; anything else (a database outage) is counted by the adapter's status.
    if (error instanceof InvalidCredentialsError) ctx.metrics.add('LoginFailed', 1, 'Count');
    if (error instanceof AccountLockedError) ctx.metrics.add('LoginLocked', 1, 'Count');
    throw error;
  }
});
