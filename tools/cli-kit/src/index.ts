export { CliError, UsageError } from './cli-error.js';
export { parseCommandLine, runCli } from './run-cli.js';
export type { CliOutput, RunCliOptions } from './run-cli.js';
export { asAwsError, describeAwsError } from './aws-errors.js';
export type { AwsCallDescription, AwsLikeError } from './aws-errors.js';
