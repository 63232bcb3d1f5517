import * as z from 'zod/mini';
import { credentialsBodySchema } from '../credentials.schema.js';

/** POST /auth/users `{ email, password }` */
export const registerInput = z.object({ body: credentialsBodySchema });
