import * as z from 'zod/mini';
import { refreshTokenBodySchema, resourceSchema } from '../credentials.schema.js';

/** POST /auth/token/refresh `{ refreshToken, resource? }` */
export const refreshInput = z.object({ body: z.extend(refreshTokenBodySchema, { resource: resourceSchema }) });
