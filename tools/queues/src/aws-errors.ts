import { asAwsError, describeAwsError as describeCall } from '@platform/cli-kit';

/** The AWS error name (`QueueDoesNotExist`, `UnsupportedOperation`, …) of a failed call. */
export const awsErrorName = (error: unknown): string => asAwsError(error).name ?? '';

/** The queue (or the resource a move task names) does not exist. */
export const isQueueMissing = (error: unknown): boolean => {
  const { name, Code } = asAwsError(error);
  return (
    ['QueueDoesNotExist', 'ResourceNotFoundException', 'InvalidAddress'].includes(name ?? '') ||
    Code === 'AWS.SimpleQueueService.NonExistentQueue'
  );
};

/** One line that says what went wrong with an SQS call and what to do. */
export const describeAwsError = (error: unknown, operation: string, where: string): string =>
  describeCall(error, { service: 'SQS', where, operation, iamHint: 'tools/queues/README.md' });
