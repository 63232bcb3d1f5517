import { CliError } from '@platform/cli-kit';

export { UsageError } from '@platform/cli-kit';

/** Base class of the params CLI's own errors (message only, never a stack trace; exit code 1). */
export class ParamsError extends CliError {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'ParamsError';
  }
}

/** One reason a change is refused: the key it is about and why. */
export interface ChangeIssue {
  /** Key as ops type it: `legacy/failureRate`, `shared/logLevel`. */
  key: string;
  /** The settings path it is about, shared or not: `legacy/failureRate`, `logLevel`. */
  path: string;
  /** Full parameter name that supplies (or would supply) the value. */
  parameter: string;
  message: string;
  /** The services whose schemas raised it (a shared key is read by several). */
  services: string[];
}

/** A change was refused before anything was written (schema validation, unknown key, published parameter). */
export class ChangeRefusedError extends ParamsError {
  readonly issues: readonly ChangeIssue[];

  constructor(message: string, issues: readonly ChangeIssue[] = []) {
    super(message);
    this.name = 'ChangeRefusedError';
    this.issues = issues;
  }
}

/** A parameter that was asked for does not exist. */
export class ParameterNotFoundError extends ParamsError {
  constructor(message: string) {
    super(message);
    this.name = 'ParameterNotFoundError';
  }
}

/** Parameter Store could not be used: unreachable, no credentials or region, access denied. */
export class ParameterStoreError extends ParamsError {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'ParameterStoreError';
  }
}

/** The workspace does not hold what the CLI needs (service, its schema, its params file). */
export class WorkspaceError extends ParamsError {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'WorkspaceError';
  }
}
