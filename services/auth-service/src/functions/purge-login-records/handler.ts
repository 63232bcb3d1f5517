import { schedule } from '@platform/lambda';
import { purgeLoginRecords } from '../../core/purge-login-records.js';
import { authDeps } from '../../deps.js';
import { settings } from '../../settings.js';

/** Hourly: deletes old login_attempts and idle lockout counters; the counts are logged. */
export const handler = schedule({ settings }, async (ctx) =>
  purgeLoginRecords(await authDeps(ctx), ctx.settings.loginAttempts.retentionDays),
);
