import { asAwsError, describeAwsError as describeCall } from '@platform/cli-kit';

/** The parameter (or its version) does not exist. */
export const isNotFound = (error: unknown): boolean =>
  ['ParameterNotFound', 'ParameterVersionNotFound'].includes(asAwsError(error).name ?? '');

/** One line that says what went wrong with a Parameter Store call and what to do. */
export const describeAwsError = (error: unknown, where: string): string =>
  describeCall(error, { service: 'Parameter Store', where });
