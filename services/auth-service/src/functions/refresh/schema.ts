import { z } from 'zod';
import { refreshTokenBodySchema, resourceSchema } from '../credentials.schema.js';

/** POST /auth/token/refresh `{ refreshToken, resource? }` */
export const refreshInput = z.object({ body: refreshTokenBodySchema.extend({ resource: resourceSchema }) });
