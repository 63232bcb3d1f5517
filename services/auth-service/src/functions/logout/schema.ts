import * as z from 'zod/mini';
import { refreshTokenBodySchema } from '../credentials.schema.js';

/** POST /auth/logout `{ refreshToken }` */
export const logoutInput = z.object({ body: refreshTokenBodySchema });
