import * as z from 'zod/mini';

/** GET /auth/me (no input besides the bearer token). */
export const meInput = z.object({});
