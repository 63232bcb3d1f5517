/** What the legacy system of record says of a company that it knows. */
export type LegacyStatus = 'reliable' | 'indebted';

/**
 * A company's financial risk as fetch-service publishes it; `unknown` when the legacy system does
 * not know the company (risk-service then answers 404 for it).
 */
export type RiskStatus = LegacyStatus | 'unknown';

/** A message of the fetch-requests queue, as risk-service's `SqsFetchRequester` sends it. */
export interface FetchRequest {
  companyId: string;
  /** When risk-service asked (ISO 8601). */
  requestedAt: string;
}

/** A fresh reading of the legacy source: the message published to risk-service's risk-updates queue. */
export interface RiskUpdate {
  companyId: string;
  status: RiskStatus;
  /** When the legacy source answered (ISO 8601, UTC). */
  fetchedAt: string;
}

/** Company ids: what the legacy source accepts (letters, digits, dashes; 1-64 characters). */
export const COMPANY_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9-]{0,63}$/;

/** Ids with this prefix are unknown to the legacy stand-in (it answers 404), so demos can show it. */
export const UNKNOWN_COMPANY_PREFIX = 'unknown-';
