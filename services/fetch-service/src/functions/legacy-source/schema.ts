import * as z from 'zod/mini';
import { companyIdSchema } from '../company-id.schema.js';

/** GET /legacy/financial-risk/{companyId} */
export const legacySourceInput = z.object({ path: z.object({ companyId: companyIdSchema }) });
