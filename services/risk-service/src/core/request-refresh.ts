import { FetchRequestFailedError } from './errors.js';
import type { ClaimOptions, RiskDeps } from './ports.js';

/** What a refresh request did. */
export interface RefreshRequested {
  companyId: string;
  /** False when a request was already pending within the cooldown (de-duplicated). */
  sent: boolean;
}

/**
 * Requests a fetch of one company from the legacy source, at most once per cooldown.
 *
 * 1. Claim the refresh with a conditional write; a burst of callers yields one winner (and, with
 *    `onlyIfFetchedBefore`, nobody wins once a fresh reading has landed).
 * 2. The winner sends the fetch request.
 * 3. If sending fails (or throws), release the claim (so a retry can win) and throw `FetchRequestFailedError`.
 */
export const requestRefresh = async (
  deps: Pick<RiskDeps, 'repository' | 'requester' | 'clock' | 'refreshCooldownSeconds'>,
  companyId: string,
  correlationId: string,
  claim: ClaimOptions = {},
): Promise<RefreshRequested> => {
  const now = deps.clock();
  const won = await deps.repository.claimRefresh(companyId, now, deps.refreshCooldownSeconds, claim);
  if (!won) return { companyId, sent: false };
  const failed = await deps.requester.requestFetch([companyId], correlationId).catch(() => [companyId]);
  if (failed.length > 0) {
    await deps.repository.releaseRefresh(companyId, now);
    throw new FetchRequestFailedError(companyId);
  }
  return { companyId, sent: true };
};
