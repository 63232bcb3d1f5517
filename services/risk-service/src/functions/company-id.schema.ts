import { z } from 'zod';
import { COMPANY_ID_PATTERN } from '../core/risk.js';

/** `{companyId}` in the path: letters, digits and dashes, 1-64 characters. */
export const companyPathSchema = z.object({
  companyId: z.string().regex(COMPANY_ID_PATTERN, 'must be 1-64 letters, digits or dashes'),
});
