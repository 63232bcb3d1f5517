/** What the legacy system of record says of a company that it knows. */
export type LegacyStatus = 'reliable' | 'indebted';

// The messages exchanged with risk-service (fetch requests in, risk updates out) are the shared
// contract in @platform/contracts; `unknown` is the status of a company the legacy system does
// not know (risk-service then answers 404 for it).
export { COMPANY_ID_PATTERN } from '@platform/contracts';
export type { FetchRequest, RiskStatus, RiskUpdate } from '@platform/contracts';

/** Ids with this prefix are unknown to the legacy stand-in (it answers 404), so demos can show it. */
export const UNKNOWN_COMPANY_PREFIX = 'unknown-';
