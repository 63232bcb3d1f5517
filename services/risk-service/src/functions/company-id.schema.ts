import * as z from 'zod/mini';
import { companyIdSchema } from '@platform/contracts';

/** `{companyId}` in the path: letters, digits and dashes, 1-64 characters. */
export const companyPathSchema = z.object({
  companyId: companyIdSchema,
});
