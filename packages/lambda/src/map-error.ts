import { DEFAULT_MESSAGES, StatusError, respond, type StandardResponse } from '@platform/response';
import { SettingsUnavailableError } from '@platform/settings';
import type { InvocationLogger } from '@platform/logger';
import type { ErrorMapper } from './types.js';

/** A response for an error, and the headers that go with it. */
export interface MappedError {
  response: StandardResponse;
  headers: Record<string, string>;
}

/**
 * Turns any thrown value into a standard response, by `instanceof` only (after the service's
 * `errors` mapper, when given, has turned its domain errors into status errors):
 * - `StatusError` (and domain subclasses) → its status; message and data only when exposed;
 * - `SettingsUnavailableError` → `unavailable`;
 * - anything else → `error` with the generic message.
 * Hidden (5xx) errors answer `data: { requestId }` when the request id is given.
 * Server-side failures are logged with their stack; the client never sees it.
 */
export const mapError = (
  thrown: unknown,
  logger: InvocationLogger,
  requestId?: string,
  errors?: ErrorMapper,
): MappedError => {
  // A server-side failure carries the request id, so a caller can quote it to support.
  const reference = requestId === undefined ? undefined : { requestId };
  const error = errors?.(thrown) ?? thrown;
  if (error instanceof StatusError) {
    if (!error.expose) logger.error({ err: error }, 'Request failed');
    else logger.info({ status: error.status, reason: error.message }, 'Request refused');
    const message = error.expose ? error.message : DEFAULT_MESSAGES[error.status];
    return { response: respond(error.status, message, error.expose ? error.data : reference), headers: error.headers };
  }
  if (error instanceof SettingsUnavailableError) {
    logger.error({ err: error }, 'Settings unavailable');
    return { response: respond('unavailable', undefined, reference), headers: { 'retry-after': '5' } };
  }
  logger.error({ err: error }, 'Unhandled error');
  return { response: respond('error', undefined, reference), headers: {} };
};
