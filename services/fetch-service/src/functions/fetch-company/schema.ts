import { z } from 'zod';
import { companyIdSchema } from '../company-id.schema.js';

/** A message of the fetch-requests queue, as risk-service's `SqsFetchRequester` sends it. */
export const fetchRequestMessage = z.object({
  companyId: companyIdSchema,
  requestedAt: z.iso.datetime({ offset: true }),
});
