import * as z from 'zod/mini';
import { companyPathSchema } from '../company-id.schema.js';

/** GET /financial-risk/{companyId} */
export const getCompanyRiskInput = z.object({ path: companyPathSchema });
