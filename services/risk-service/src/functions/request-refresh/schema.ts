import * as z from 'zod/mini';
import { companyPathSchema } from '../company-id.schema.js';

/** POST /financial-risk/{companyId}/refresh (no body). */
export const requestRefreshInput = z.object({ path: companyPathSchema });
