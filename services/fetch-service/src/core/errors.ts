/** What went wrong, as the adapters see it: each code maps to one status in `src/adapters/responses.ts`. */
export type FetchErrorCode =
  'legacyUnavailable' | 'riskUpdatePublishFailed' | 'outOfTime' | 'unknownCompany' | 'legacyOutage';

/**
 * Base of fetch-service's domain errors: a plain `Error` with a `code` and no HTTP status. The
 * adapters decide what a caller sees (`src/adapters/responses.ts`).
 */
export class FetchError extends Error {
  readonly code: FetchErrorCode;

  constructor(code: FetchErrorCode, message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'FetchError';
    this.code = code;
  }
}

/**
 * The legacy source did not give a usable answer: it timed out, failed (5xx), could not be
 * reached, or answered something unreadable. Retrying later may help, so the record fails.
 */
export class LegacyUnavailableError extends FetchError {
  constructor(
    readonly companyId: string,
    reason: string,
    options?: ErrorOptions,
  ) {
    super('legacyUnavailable', `The legacy source gave no answer for company ${companyId}: ${reason}`, options);
    this.name = 'LegacyUnavailableError';
  }
}

/** A risk update could not be sent to the risk-updates queue. */
export class RiskUpdatePublishError extends FetchError {
  constructor(
    readonly companyId: string,
    reason: string,
    options?: ErrorOptions,
  ) {
    super(
      'riskUpdatePublishFailed',
      `The risk update of company ${companyId} could not be published: ${reason}`,
      options,
    );
    this.name = 'RiskUpdatePublishError';
  }
}

/** Too little of the invocation is left to call the legacy source safely; SQS retries the record. */
export class OutOfTimeError extends FetchError {
  constructor(
    readonly companyId: string,
    readonly remainingMs: number,
  ) {
    super('outOfTime', `Only ${remainingMs} ms left: company ${companyId} is left for a later delivery`);
    this.name = 'OutOfTimeError';
  }
}

/** The legacy stand-in: a company it does not know. */
export class UnknownCompanyError extends FetchError {
  constructor(readonly companyId: string) {
    super('unknownCompany', `The legacy system does not know company ${companyId}`);
    this.name = 'UnknownCompanyError';
  }
}

/** The legacy stand-in: one of its simulated outages; its callers should retry shortly. */
export class LegacyOutageError extends FetchError {
  constructor() {
    super('legacyOutage', 'The legacy system is unavailable: retry later');
    this.name = 'LegacyOutageError';
  }
}
