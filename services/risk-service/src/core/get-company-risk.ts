import { CompanyNotFoundError } from './errors.js';
import { requestRefresh } from './request-refresh.js';
import type { RiskDeps } from './ports.js';
import type { CompanyRisk } from './risk.js';

/** The answer for a known company; `stale` when older than `staleAfterSeconds`. */
export type CompanyRiskView = CompanyRisk & { stale: boolean };

/**
 * What {@link getCompanyRisk} found: the stored risk, or (never fetched yet) that a fetch was
 * requested and the caller should come back shortly.
 */
export type CompanyRiskResult =
  { kind: 'found'; risk: CompanyRiskView } | { kind: 'fetchRequested'; companyId: string };

/**
 * Answers a company's financial risk from storage, never waiting on the legacy source.
 *
 * 1. Read the stored risk.
 * 2. Missing → request a fetch (de-duplicated) and answer `fetchRequested`: the client retries later.
 * 3. Stale → answer the risk with `stale: true`, and request a refresh (de-duplicated).
 * 4. Fresh → answer the risk.
 * A company the legacy source does not know throws `CompanyNotFoundError` (and is refreshed like any other).
 */
export const getCompanyRisk = async (
  deps: RiskDeps,
  companyId: string,
  correlationId: string,
): Promise<CompanyRiskResult> => {
  const risk = await deps.repository.get(companyId);
  // What this reader saw (missing or stale) may be overtaken by a reading landing right now: the
  // claim only succeeds while no reading newer than the staleness limit is stored.
  const onlyIfFetchedBefore = new Date(deps.clock().getTime() - deps.staleAfterSeconds * 1000);
  if (!risk) {
    await requestRefresh(deps, companyId, correlationId, { onlyIfFetchedBefore });
    return { kind: 'fetchRequested', companyId };
  }
  const ageSeconds = (deps.clock().getTime() - Date.parse(risk.fetchedAt)) / 1000;
  const stale = ageSeconds > deps.staleAfterSeconds;
  if (stale) {
    // Serving stale data beats failing: a refresh that cannot be requested now is retried by the next GET.
    await requestRefresh(deps, companyId, correlationId, { onlyIfFetchedBefore }).catch(() => undefined);
  }
  if (risk.status === 'unknown') throw new CompanyNotFoundError(companyId);
  return { kind: 'found', risk: { ...risk, stale } };
};
