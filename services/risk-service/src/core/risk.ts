import type { RiskStatus } from '@platform/contracts';

// The message contract with fetch-service lives in @platform/contracts.
export { COMPANY_ID_PATTERN } from '@platform/contracts';
export type { RiskStatus, RiskUpdate } from '@platform/contracts';

/** What the API knows of a company's financial risk. */
export interface CompanyRisk {
  companyId: string;
  status: RiskStatus;
  /** When the status last changed (ISO 8601). */
  statusChangedAt: string;
  /** When the legacy source was last read for this company (ISO 8601). */
  fetchedAt: string;
}
