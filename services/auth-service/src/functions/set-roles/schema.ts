import * as z from 'zod/mini';

/** PUT /auth/users/{id}/roles `{ roles: [...] }` (an empty list removes every role). */
export const setRolesInput = z.object({
  path: z.object({ id: z.uuid() }),
  body: z.object({
    roles: z.array(z.string().check(z.trim(), z.minLength(1), z.maxLength(64))).check(z.maxLength(32)),
  }),
});
