import type { Principal } from '@platform/auth';
import { NotAuthenticatedError } from '@platform/response';

/** The verified caller of a handler with `auth`: the adapter sets it before the handler runs. */
export const callerOf = (context: { principal: Principal | undefined }): Principal => {
  if (!context.principal) throw new NotAuthenticatedError('No verified caller');
  return context.principal;
};
