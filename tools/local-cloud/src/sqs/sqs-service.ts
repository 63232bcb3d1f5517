import type { JsonService } from '../json-service.js';

/** The SQS service plus a way to stop its timers. */
export interface SqsService extends JsonService {
  /** Stops every timer and releases every waiting long poll. */
  close(): void;
}

/** SQS over AWS JSON 1.0 (placeholder: implemented in this module). */
export const createSqsService = (): SqsService => ({
  targetPrefix: 'AmazonSQS',
  contentType: 'application/x-amz-json-1.0',
  errorNamespace: 'com.amazonaws.sqs#',
  queryCompatible: true,
  operations: {},
  close: () => undefined,
});
