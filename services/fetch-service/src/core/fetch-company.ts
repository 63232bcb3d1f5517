import type { FetchRequest, RiskUpdate } from './company.js';
import type { FetchCompanyDeps } from './ports.js';

/**
 * Turns one fetch request into one risk update.
 *
 * 1. Ask the legacy source for the company's status (it bounds its own wait).
 * 2. Stamp the reading with the time it was read (`fetchedAt`, which orders readings downstream).
 * 3. Publish it to risk-service, carrying the correlation id.
 * A company the legacy source does not know is published as `unknown`: retrying cannot change
 * that. Any other failure is thrown, so the record fails and SQS delivers it again (then to the DLQ).
 */
export const fetchCompany = async (
  deps: FetchCompanyDeps,
  request: FetchRequest,
  correlationId: string,
): Promise<RiskUpdate> => {
  const status = await deps.legacy.fetchRisk(request.companyId, correlationId);
  const update: RiskUpdate = { companyId: request.companyId, status, fetchedAt: deps.clock().toISOString() };
  await deps.publisher.publish(update, correlationId);
  return update;
};
