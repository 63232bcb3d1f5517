import { counterRetentionSeconds } from './lockout.js';
import type { AuthDeps } from './ports.js';

/** What a purge deleted. */
export interface PurgeReport {
  attempts: number;
  counters: number;
  refreshTokens: number;
}

/** Ended sessions are kept a day (for audit and support), then deleted. */
const ENDED_SESSION_RETENTION_MS = 86_400_000;

/**
 * Deletes `login_attempts` older than `retentionDays`; lockout counters idle for longer than any
 * rule still reads them (a day, or `knownAddressDays` for an address that logged in); and refresh
 * token families that ended (every token expired or revoked) more than a day ago. Run hourly by
 * the `purgeLoginRecords` schedule; safe to run at any time, twice, or concurrently.
 */
export const purgeLoginRecords = async (
  deps: Pick<AuthDeps, 'loginAttempts' | 'loginThrottles' | 'refreshTokens' | 'clock' | 'lockout'>,
  retentionDays: number,
): Promise<PurgeReport> => {
  const now = deps.clock().getTime();
  const retention = counterRetentionSeconds(deps.lockout);
  const attempts = await deps.loginAttempts.purge(new Date(now - retentionDays * 86_400_000));
  const counters = await deps.loginThrottles.purge(
    new Date(now - retention.idle * 1000),
    new Date(now - retention.known * 1000),
  );
  const refreshTokens = await deps.refreshTokens.purgeEndedFamilies(new Date(now - ENDED_SESSION_RETENTION_MS));
  return { attempts, counters, refreshTokens };
};
