import { counterRetentionSeconds } from './lockout.js';
import type { AuthDeps } from './ports.js';

/** What a purge deleted. */
export interface PurgeReport {
  attempts: number;
  counters: number;
}

/**
 * Deletes `login_attempts` older than `retentionDays`, and lockout counters idle for longer than
 * any rule still reads them (the window, the lock, the longest delay, a known address's lifetime).
 * Run hourly by the `purgeLoginRecords` schedule; safe to run at any time, twice, or concurrently.
 */
export const purgeLoginRecords = async (
  deps: Pick<AuthDeps, 'loginAttempts' | 'loginThrottles' | 'clock' | 'lockout'>,
  retentionDays: number,
): Promise<PurgeReport> => {
  const now = deps.clock().getTime();
  const attempts = await deps.loginAttempts.purge(new Date(now - retentionDays * 86_400_000));
  const counters = await deps.loginThrottles.purge(new Date(now - counterRetentionSeconds(deps.lockout) * 1000));
  return { attempts, counters };
};
