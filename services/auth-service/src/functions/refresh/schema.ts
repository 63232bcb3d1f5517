import { z } from 'zod';
import { refreshTokenBodySchema } from '../credentials.schema.js';

/** POST /auth/token/refresh `{ refreshToken }` */
export const refreshInput = z.object({ body: refreshTokenBodySchema });
