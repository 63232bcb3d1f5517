import { http } from '@platform/lambda';
import { withStatusErrors } from '../../adapters/responses.js';
import { getProfile } from '../../core/get-profile.js';
import { authDeps } from '../../deps.js';
import { settings } from '../../settings.js';
import { callerOf } from '../caller.js';
import { meInput } from './schema.js';

/** GET /auth/me: the caller's profile. Any valid token will do (no scope required). */
export const handler = http(
  { settings, input: meInput, auth: { scopes: [] } },
  withStatusErrors(async (_input, ctx) => getProfile(await authDeps(ctx), callerOf(ctx).sub)),
);
