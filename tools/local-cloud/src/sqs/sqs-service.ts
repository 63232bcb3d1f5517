import type { JsonService } from '../json-service.js';
import { MessageMoveTasks } from './message-move-tasks.js';
import { messageOperations } from './message-operations.js';
import { queueOperations } from './queue-operations.js';
import { permissionOperations } from './queue-permissions.js';
import { QueueRegistry } from './queue-registry.js';

/** The SQS service plus a way to stop its timers. */
export interface SqsService extends JsonService {
  /** Stops every timer and answers every waiting long poll with no messages. */
  close(): void;
}

/**
 * SQS (standard queues) over AWS JSON 1.0, query-compatible: queue management, messages with
 * attributes and MD5s, batches, visibility timeouts, long polling, dead-letter redrive and
 * retention. State lives in memory for the life of the service.
 *
 * @example
 * const sqs = createSqsService();
 * const server = createAwsServer({ services: [sqs], defaultRegion: 'us-east-1' });
 * // ...
 * sqs.close();
 */
export const createSqsService = (): SqsService => {
  const registry = new QueueRegistry();
  const moveTasks = new MessageMoveTasks(registry);
  return {
    targetPrefix: 'AmazonSQS',
    contentType: 'application/x-amz-json-1.0',
    errorNamespace: 'com.amazonaws.sqs#',
    queryCompatible: true,
    operations: {
      ...queueOperations(registry),
      ...messageOperations(registry),
      ...permissionOperations(registry),
      ...moveTasks.operations(),
    },
    close: () => {
      moveTasks.close();
      registry.close();
    },
  };
};
