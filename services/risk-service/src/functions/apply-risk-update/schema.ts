import { z } from 'zod';
import { COMPANY_ID_PATTERN } from '../../core/risk.js';

/** A message of the risk-updates queue, as fetch-service publishes it. */
export const riskUpdateMessage = z.object({
  companyId: z.string().regex(COMPANY_ID_PATTERN),
  status: z.enum(['reliable', 'indebted', 'unknown']),
  /** Normalised to UTC ISO so stored readings compare as strings. */
  fetchedAt: z.iso.datetime({ offset: true }).transform((value) => new Date(value).toISOString()),
});
