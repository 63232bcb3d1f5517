import { RiskUpdateConflictError } from './errors.js';
import type { RiskRepository } from './ports.js';
import type { CompanyRisk, RiskUpdate } from './risk.js';

/** What applying an update did. */
export type ApplyOutcome = 'applied' | 'outdated';

const MAX_ATTEMPTS = 5;

/**
 * Applies a fresh reading, idempotently and in order of `fetchedAt`.
 *
 * 1. Read the stored risk.
 * 2. Same or newer reading stored → `outdated` (redelivery or out-of-order message): nothing changes.
 * 3. Otherwise write it, moving `statusChangedAt` only when the status really changed, on the
 *    condition that nobody wrote in between; on a lost race, start again.
 */
export const applyRiskUpdate = async (repository: RiskRepository, update: RiskUpdate): Promise<ApplyOutcome> => {
  for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt += 1) {
    const current = await repository.get(update.companyId);
    if (current && Date.parse(current.fetchedAt) >= Date.parse(update.fetchedAt)) return 'outdated';
    const next: CompanyRisk = {
      companyId: update.companyId,
      status: update.status,
      fetchedAt: update.fetchedAt,
      statusChangedAt: current && current.status === update.status ? current.statusChangedAt : update.fetchedAt,
    };
    if (await repository.saveIfUnchanged(next, current?.fetchedAt)) return 'applied';
  }
  throw new RiskUpdateConflictError(update.companyId);
};
