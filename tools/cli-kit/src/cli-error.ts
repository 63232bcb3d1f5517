/**
 * Base class of every error an ops CLI reports to the user: the message only, never a stack
 * trace, and the process exit code (1: refused or failed).
 */
export class CliError extends Error {
  readonly exitCode: number = 1;

  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'CliError';
  }
}

/** The command line is wrong: unknown command, missing argument, bad option. Exit code 2. */
export class UsageError extends CliError {
  override readonly exitCode: number = 2;

  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}
