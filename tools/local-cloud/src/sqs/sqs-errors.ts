import { AwsError } from '../aws-error.js';

/**
 * SQS's errors, with the shape name the JSON protocol carries in `__type`, the AWS Query code the
 * SDK maps back to its exception class (`x-amzn-query-error`) and the HTTP status AWS answers.
 * The query codes are the `awsQueryError` traits of `@aws-sdk/client-sqs`.
 */
const sqsError =
  (code: string, queryCode: string, statusCode = 400) =>
  (message: string): AwsError =>
    new AwsError(code, message, { queryCode, statusCode });

/** The queue named in a request does not exist. */
export const queueDoesNotExist = (): AwsError =>
  sqsError('QueueDoesNotExist', 'AWS.SimpleQueueService.NonExistentQueue')('The specified queue does not exist.');

/** CreateQueue names an existing queue with different attributes. */
export const queueNameExists = sqsError('QueueNameExists', 'QueueAlreadyExists');
/** A parameter's value is out of range or malformed. */
export const invalidParameterValue = sqsError('InvalidParameterValue', 'InvalidParameterValue');
/** A required parameter is missing or empty. */
export const missingParameter = (name: string): AwsError =>
  sqsError('MissingParameter', 'MissingParameter')(`The request must contain the parameter ${name}.`);
/** A queue attribute name SQS does not know (or that cannot be set). */
export const invalidAttributeName = sqsError('InvalidAttributeName', 'InvalidAttributeName');
/** A queue attribute value out of range. */
export const invalidAttributeValue = sqsError('InvalidAttributeValue', 'InvalidAttributeValue');
/** A message body with characters outside the XML character set. */
export const invalidMessageContents = sqsError('InvalidMessageContents', 'InvalidMessageContents');
/** A receipt handle that is not one this service issued. */
export const receiptHandleIsInvalid = sqsError('ReceiptHandleIsInvalid', 'ReceiptHandleIsInvalid', 404);
/** A second PurgeQueue within 60 seconds. */
export const purgeQueueInProgress = sqsError(
  'PurgeQueueInProgress',
  'AWS.SimpleQueueService.PurgeQueueInProgress',
  403,
);
/** A feature the local cloud does not offer (FIFO queues). */
export const unsupportedOperation = sqsError('UnsupportedOperation', 'AWS.SimpleQueueService.UnsupportedOperation');
/** A batch request without entries. */
export const emptyBatchRequest = sqsError('EmptyBatchRequest', 'AWS.SimpleQueueService.EmptyBatchRequest');
/** A batch request with more than 10 entries. */
export const tooManyEntriesInBatchRequest = sqsError(
  'TooManyEntriesInBatchRequest',
  'AWS.SimpleQueueService.TooManyEntriesInBatchRequest',
);
/** Two batch entries share an Id. */
export const batchEntryIdsNotDistinct = sqsError(
  'BatchEntryIdsNotDistinct',
  'AWS.SimpleQueueService.BatchEntryIdsNotDistinct',
);
/** A batch entry Id that is not `[A-Za-z0-9_-]{1,80}`. */
export const invalidBatchEntryId = sqsError('InvalidBatchEntryId', 'AWS.SimpleQueueService.InvalidBatchEntryId');
/** The messages of a batch are together larger than SQS accepts. */
export const batchRequestTooLong = sqsError('BatchRequestTooLong', 'AWS.SimpleQueueService.BatchRequestTooLong');
/** A QueueUrl that names no queue at all. */
export const invalidAddress = sqsError('InvalidAddress', 'InvalidAddress', 404);
