/**
 * Whether a company pays its debts, as the legacy system of record says; `unknown` when the
 * legacy system does not know the company.
 */
export type RiskStatus = 'reliable' | 'indebted' | 'unknown';

/** What the API knows of a company's financial risk. */
export interface CompanyRisk {
  companyId: string;
  status: RiskStatus;
  /** When the status last changed (ISO 8601). */
  statusChangedAt: string;
  /** When the legacy source was last read for this company (ISO 8601). */
  fetchedAt: string;
}

/** A fresh reading of the legacy source, as fetch-service publishes it. */
export interface RiskUpdate {
  companyId: string;
  status: RiskStatus;
  fetchedAt: string;
}

/** Company ids: what the legacy source accepts (letters, digits, dashes; 1-64 characters). */
export const COMPANY_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9-]{0,63}$/;
