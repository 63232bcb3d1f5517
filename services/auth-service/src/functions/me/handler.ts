import { http } from '@platform/lambda';
import { toStatusError } from '../../adapters/responses.js';
import { getProfile } from '../../core/get-profile.js';
import { authDeps } from '../../deps.js';
import { settings } from '../../settings.js';
import { callerOf } from '../caller.js';
import { meInput } from './schema.js';

/** GET /auth/me: the caller's profile. Any valid token will do (no scope required). */
export const handler = http(
  { settings, errors: toStatusError, input: meInput, auth: { scopes: [] } },
  async (_input, ctx) => getProfile(await authDeps(ctx), callerOf(ctx).sub),
);
