import type { FetchRequester, RiskDeps } from './ports.js';

/** What a scheduled refresh did. */
export interface ScheduleRefreshResult {
  stale: number;
  requested: number;
  failed: number;
}

const PAGE_SIZE = 100;
const BATCH_SIZE = 10;

/**
 * Requests a refresh of every company whose reading is older than `staleAfterSeconds` (the seed's
 * weekly job over ~50k records).
 *
 * 1. Page through the stale companies.
 * 2. Request their fetch in batches of 10 (one SQS call each).
 * 3. Count what could not be sent; the next run picks those up again since they stay stale.
 */
export const scheduleRefresh = async (
  deps: Pick<RiskDeps, 'repository' | 'clock' | 'staleAfterSeconds'> & { requester: FetchRequester },
  correlationId: string,
): Promise<ScheduleRefreshResult> => {
  const fetchedBefore = new Date(deps.clock().getTime() - deps.staleAfterSeconds * 1000);
  const result: ScheduleRefreshResult = { stale: 0, requested: 0, failed: 0 };
  for await (const page of deps.repository.staleCompanies(fetchedBefore, PAGE_SIZE)) {
    result.stale += page.length;
    for (let i = 0; i < page.length; i += BATCH_SIZE) {
      const batch = page.slice(i, i + BATCH_SIZE);
      const failed = await deps.requester.requestFetch(batch, correlationId);
      result.requested += batch.length - failed.length;
      result.failed += failed.length;
    }
  }
  return result;
};
