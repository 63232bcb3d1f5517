import { z } from 'zod';
import { credentialsBodySchema, resourceSchema } from '../credentials.schema.js';

/** POST /auth/token `{ email, password, resource? }` */
export const tokenInput = z.object({ body: credentialsBodySchema.extend({ resource: resourceSchema }) });
