/** What went wrong, as the adapters see it: each code maps to one response in `src/adapters/responses.ts`. */
export type RiskErrorCode = 'companyNotFound' | 'riskUpdateConflict' | 'fetchRequestFailed';

/**
 * Base of risk-service's domain errors: a plain `Error` with a `code` and no HTTP status. The
 * adapters decide what a caller sees (`src/adapters/responses.ts`).
 */
export class RiskError extends Error {
  readonly code: RiskErrorCode;

  constructor(code: RiskErrorCode, message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'RiskError';
    this.code = code;
  }
}

/** The company id is not one the legacy source could know. */
export class CompanyNotFoundError extends RiskError {
  constructor(readonly companyId: string) {
    super('companyNotFound', `No financial risk is known for company ${companyId}`);
    this.name = 'CompanyNotFoundError';
  }
}

/** The risk could not be written because others kept writing it. */
export class RiskUpdateConflictError extends RiskError {
  constructor(readonly companyId: string) {
    super('riskUpdateConflict', `The risk of company ${companyId} kept changing while it was being updated`);
    this.name = 'RiskUpdateConflictError';
  }
}

/** A fetch request could not be sent to fetch-service; retrying later may work. */
export class FetchRequestFailedError extends RiskError {
  constructor(readonly companyId: string) {
    super('fetchRequestFailed', `A refresh of company ${companyId} could not be requested`);
    this.name = 'FetchRequestFailedError';
  }
}
