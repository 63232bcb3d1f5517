import * as z from 'zod/mini';
import { credentialsBodySchema, resourceSchema } from '../credentials.schema.js';

/** POST /auth/token `{ email, password, resource? }` */
export const tokenInput = z.object({ body: z.extend(credentialsBodySchema, { resource: resourceSchema }) });
