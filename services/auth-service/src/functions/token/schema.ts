import { z } from 'zod';
import { credentialsBodySchema } from '../credentials.schema.js';

/** POST /auth/token `{ email, password }` */
export const tokenInput = z.object({ body: credentialsBodySchema });
