import { ConflictError, NotFoundError, UnavailableError } from '@platform/response';

/** The company id is not one the legacy source could know. */
export class CompanyNotFoundError extends NotFoundError {
  constructor(companyId: string) {
    super(`No financial risk is known for company ${companyId}`);
    this.name = 'CompanyNotFoundError';
  }
}

/** The risk could not be written because others kept writing it. */
export class RiskUpdateConflictError extends ConflictError {
  constructor(companyId: string) {
    super(`The risk of company ${companyId} kept changing while it was being updated`);
    this.name = 'RiskUpdateConflictError';
  }
}

/** A fetch request could not be sent to fetch-service. */
export class FetchRequestFailedError extends UnavailableError {
  constructor(companyId: string) {
    super(`A refresh of company ${companyId} could not be requested`);
    this.name = 'FetchRequestFailedError';
  }
}
