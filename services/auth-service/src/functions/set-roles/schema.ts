import { z } from 'zod';

/** PUT /auth/users/{id}/roles `{ roles: [...] }` (an empty list removes every role). */
export const setRolesInput = z.object({
  path: z.object({ id: z.uuid() }),
  body: z.object({ roles: z.array(z.string().trim().min(1).max(64)).max(32) }),
});
