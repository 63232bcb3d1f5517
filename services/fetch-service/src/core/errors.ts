import { NotFoundError, UnavailableError, type StatusErrorOptions } from '@platform/response';

/**
 * The legacy source did not give a usable answer: it timed out, failed (5xx), could not be
 * reached, or answered something unreadable. Retrying later may help, so the record fails.
 */
export class LegacyUnavailableError extends UnavailableError {
  constructor(companyId: string, reason: string, options?: StatusErrorOptions) {
    super(`The legacy source gave no answer for company ${companyId}: ${reason}`, options);
    this.name = 'LegacyUnavailableError';
  }
}

/** A risk update could not be sent to the risk-updates queue. */
export class RiskUpdatePublishError extends UnavailableError {
  constructor(companyId: string, reason: string, options?: StatusErrorOptions) {
    super(`The risk update of company ${companyId} could not be published: ${reason}`, options);
    this.name = 'RiskUpdatePublishError';
  }
}

/** Too little of the invocation is left to call the legacy source safely; SQS retries the record. */
export class OutOfTimeError extends UnavailableError {
  constructor(companyId: string, remainingMs: number) {
    super(`Only ${remainingMs} ms left: company ${companyId} is left for a later delivery`);
    this.name = 'OutOfTimeError';
  }
}

/** The legacy stand-in: a company it does not know. */
export class UnknownCompanyError extends NotFoundError {
  constructor(companyId: string) {
    super(`The legacy system does not know company ${companyId}`);
    this.name = 'UnknownCompanyError';
  }
}

/** The legacy stand-in: one of its simulated outages. */
export class LegacyOutageError extends UnavailableError {
  constructor() {
    super('The legacy system is unavailable: retry later', { expose: true, headers: { 'retry-after': '1' } });
    this.name = 'LegacyOutageError';
  }
}
