import * as z from 'zod/mini';

/** DELETE /auth/users/{id} */
export const deleteUserInput = z.object({ path: z.object({ id: z.uuid() }) });
