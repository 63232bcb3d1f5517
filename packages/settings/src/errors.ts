/** Base class of the errors this package throws. */
export class SettingsError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'SettingsError';
  }
}

/** One invalid value: the parameter that supplied it and what is wrong (never the value itself). */
export interface SettingsIssue {
  /** Full Parameter Store name, e.g. `/platform/dev/risk-service/staleAfterSeconds`, or `(default)`. */
  parameter: string;
  /** The settings key, e.g. `staleAfterSeconds` or `db.poolMax`. */
  key: string;
  message: string;
}

/** The parameters loaded do not satisfy the service's schema. */
export class SettingsValidationError extends SettingsError {
  readonly issues: readonly SettingsIssue[];

  constructor(issues: readonly SettingsIssue[]) {
    super(`Invalid settings: ${issues.map((issue) => `${issue.parameter}: ${issue.message}`).join('; ')}`);
    this.name = 'SettingsValidationError';
    this.issues = issues;
  }
}

/**
 * No settings can be served: the container has never loaded them and Parameter Store failed
 * (or returned invalid values). Adapters turn it into `unavailable` (HTTP 503) or a failed batch.
 */
export class SettingsUnavailableError extends SettingsError {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'SettingsUnavailableError';
  }
}

/** A stage, prefix or service name that cannot be part of a settings path. */
export class SettingsPathError extends SettingsError {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'SettingsPathError';
  }
}

/** A params file (`params/<stage>.yml`) that is not a flat map of valid entries; the message names the file and entry. */
export class ParamsFileError extends SettingsError {
  /** The file, as given to the reader. */
  readonly file: string;
  /** The entry's path as written in the file, when one entry is at fault. */
  readonly entry: string | undefined;

  constructor(file: string, reason: string, options?: ErrorOptions & { entry?: string }) {
    super(`${file}: ${reason}`, options);
    this.name = 'ParamsFileError';
    this.file = file;
    this.entry = options?.entry;
  }
}
