/** A company id: letters, digits and dashes, 1-64 characters (what the legacy source accepts). */
export { companyIdSchema } from '@platform/contracts';
