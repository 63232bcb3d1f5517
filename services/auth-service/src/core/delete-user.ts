import { CannotDeleteSelfError, UserNotFoundError } from './errors.js';
import type { AuthDeps } from './ports.js';

/**
 * Deletes a user (callers need `users:admin`, checked by the handler): their roles and refresh
 * tokens go with them, so no session of theirs can be refreshed again. Access tokens already
 * issued stay valid until they expire (minutes): they are verified without a database.
 *
 * 1. `by` (the caller's own id) deleting itself → `CannotDeleteSelfError`, so no admin locks the
 *    stage out by accident.
 * 2. No such user → `UserNotFoundError`.
 */
export const deleteUser = async (deps: Pick<AuthDeps, 'users'>, id: string, by: string | undefined): Promise<void> => {
  if (by !== undefined && by === id) throw new CannotDeleteSelfError();
  if (!(await deps.users.delete(id))) throw new UserNotFoundError(id);
};
