import { z } from 'zod';

/** GET /auth/me (no input besides the bearer token). */
export const meInput = z.object({});
