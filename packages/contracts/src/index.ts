import * as z from 'zod/mini';

/**
 * The messages risk-service and fetch-service exchange over SQS, defined once: each producer
 * types what it sends with the message's type, each consumer validates what it receives with
 * the message's schema, so the two sides cannot drift apart.
 *
 * risk-service ──fetch-requests──▶ fetch-service ──risk-updates──▶ risk-service
 */

/** Company ids: what the legacy source accepts (a letter or digit, then letters, digits, dashes; 1-64 characters). */
export const COMPANY_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9-]{0,63}$/;

/** A company id, with the message clients and logs see when one is refused. */
export const companyIdSchema = z.string().check(z.regex(COMPANY_ID_PATTERN, 'must be 1-64 letters, digits or dashes'));

/**
 * Whether a company pays its debts, as the legacy system of record says; `unknown` when the
 * legacy system does not know the company.
 */
export const riskStatusSchema = z.enum(['reliable', 'indebted', 'unknown']);
export type RiskStatus = z.output<typeof riskStatusSchema>;

/** A message of the fetch-requests queue: risk-service asks fetch-service to read a company. */
export const fetchRequestSchema = z.object({
  companyId: companyIdSchema,
  /** When risk-service asked (ISO 8601). */
  requestedAt: z.iso.datetime({ offset: true }),
});
export type FetchRequest = z.input<typeof fetchRequestSchema>;

/** A message of the risk-updates queue: a fresh reading of the legacy source, from fetch-service. */
export const riskUpdateSchema = z.object({
  companyId: companyIdSchema,
  status: riskStatusSchema,
  /** When the legacy source answered (ISO 8601); normalised to UTC, so stored readings compare as strings. */
  fetchedAt: z.pipe(
    z.iso.datetime({ offset: true }),
    z.transform((value) => new Date(value).toISOString()),
  ),
});
/** What fetch-service publishes. */
export type RiskUpdate = z.input<typeof riskUpdateSchema>;
