import { z } from 'zod';
import { COMPANY_ID_PATTERN } from '../core/company.js';

/** A company id: letters, digits and dashes, 1-64 characters (what the legacy source accepts). */
export const companyIdSchema = z.string().regex(COMPANY_ID_PATTERN, 'must be 1-64 letters, digits or dashes');
