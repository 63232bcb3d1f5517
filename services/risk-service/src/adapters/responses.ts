import type { ErrorMapper } from '@platform/lambda';
import {
  ConflictError,
  NotFoundError,
  UnavailableError,
  accepted,
  success,
  type StandardResponse,
} from '@platform/response';
import type { StatusError } from '@platform/response';
import { RiskError, type RiskErrorCode } from '../core/errors.js';
import type { CompanyRiskResult, CompanyRiskView } from '../core/get-company-risk.js';
import type { RefreshRequested } from '../core/request-refresh.js';

/**
 * The one place where risk-service's domain results and errors become standard responses
 * (`{ status, message, data }`), HTTP statuses and headers. The cores know nothing of HTTP;
 * @platform/lambda turns the `StatusError`s made here into responses (and, for SQS records, into
 * the status their failure is logged with).
 */

/** A standard response and the headers that go with it. */
export interface HttpAnswer<T> {
  response: StandardResponse<T>;
  headers: Record<string, string>;
}

/** Each domain error's status; the domain message is the client's message (5xx hide it). */
const STATUS_ERRORS: Readonly<Record<RiskErrorCode, (error: RiskError) => StatusError>> = {
  companyNotFound: (error) => new NotFoundError(error.message, { cause: error }),
  riskUpdateConflict: (error) => new ConflictError(error.message, { cause: error }),
  fetchRequestFailed: (error) => new UnavailableError(error.message, { cause: error }),
};

/** A domain error as the `StatusError` it is answered with; `undefined` for anything else (the adapter's defaults). Passed to every adapter as `errors`. */
export const toStatusError: ErrorMapper = (error) =>
  error instanceof RiskError ? STATUS_ERRORS[error.code](error) : undefined;

/**
 * GET /financial-risk/{companyId}: a found risk → 200 `success`; a fetch requested → 202
 * `accepted` with `{ companyId }` and `Retry-After`.
 */
export const companyRiskAnswer = (
  result: CompanyRiskResult,
  retryAfterSeconds: number,
): HttpAnswer<CompanyRiskView | { companyId: string }> =>
  result.kind === 'found'
    ? { response: success(result.risk), headers: {} }
    : {
        response: accepted(
          { companyId: result.companyId },
          'Fetching the financial risk of this company: retry shortly',
        ),
        headers: { 'retry-after': String(retryAfterSeconds) },
      };

/** POST /financial-risk/{companyId}/refresh: always 202 `accepted` with `{ companyId, sent }` and `Retry-After`. */
export const refreshAnswer = (result: RefreshRequested, retryAfterSeconds: number): HttpAnswer<RefreshRequested> => ({
  response: accepted(result, result.sent ? 'Refresh requested' : 'A refresh is already pending'),
  headers: { 'retry-after': String(retryAfterSeconds) },
});
