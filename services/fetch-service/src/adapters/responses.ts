import type { ErrorMapper } from '@platform/lambda';
import { NotFoundError, UnavailableError, type StatusError } from '@platform/response';
import { FetchError, type FetchErrorCode } from '../core/errors.js';

/**
 * The one place where fetch-service's domain errors become standard statuses: the HTTP answers of
 * the legacy stand-in, and the status a failed SQS record is logged with. The cores know nothing
 * of HTTP; @platform/lambda turns the `StatusError`s made here into responses. Results need no
 * mapping: `legacySource` answers its plain result as `success`.
 */

/** How long the legacy stand-in's callers should wait after a simulated outage (`Retry-After`). */
const OUTAGE_RETRY_AFTER_SECONDS = 1;

/** Each domain error's status; the domain message is the client's message (5xx hide it unless exposed). */
const STATUS_ERRORS: Readonly<Record<FetchErrorCode, (error: FetchError) => StatusError>> = {
  legacyUnavailable: (error) => new UnavailableError(error.message, { cause: error }),
  riskUpdatePublishFailed: (error) => new UnavailableError(error.message, { cause: error }),
  outOfTime: (error) => new UnavailableError(error.message, { cause: error }),
  unknownCompany: (error) => new NotFoundError(error.message, { cause: error }),
  // The stand-in imitates the legacy system's own answer, so its message is shown.
  legacyOutage: (error) =>
    new UnavailableError(error.message, {
      cause: error,
      expose: true,
      headers: { 'retry-after': String(OUTAGE_RETRY_AFTER_SECONDS) },
    }),
};

/** A domain error as the `StatusError` it is answered with; `undefined` for anything else (the adapter's defaults). Passed to every adapter as `errors`. */
export const toStatusError: ErrorMapper = (error) =>
  error instanceof FetchError ? STATUS_ERRORS[error.code](error) : undefined;
