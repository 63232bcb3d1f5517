import type { JsonService, Operation } from '../json-service.js';
import { MessageMoveTasks } from './message-move-tasks.js';
import {
  changeMessageVisibility,
  changeMessageVisibilityBatch,
  deleteMessage,
  deleteMessageBatch,
  receiveMessage,
  sendMessage,
  sendMessageBatch,
} from './message-operations.js';
import {
  createQueue,
  deleteQueue,
  getQueueAttributes,
  getQueueUrl,
  listDeadLetterSourceQueues,
  listQueues,
  listQueueTags,
  purgeQueue,
  setQueueAttributes,
  tagQueue,
  untagQueue,
} from './queue-operations.js';
import { addPermission, removePermission } from './queue-permissions.js';
import { QueueRegistry } from './queue-registry.js';
import type { PeekedMessage } from './queue.js';

/** The SQS service plus a way to stop its timers. */
export interface SqsService extends JsonService {
  /** Stops every timer and answers every waiting long poll with no messages. */
  close(): void;
  /** Up to `max` messages of a queue (by name), changing nothing (`Queue.peek`). */
  peek(queueName: string, max?: number): PeekedMessage[];
}

/**
 * SQS (standard and FIFO queues) over AWS JSON 1.0, query-compatible: queue management and tags,
 * messages with attributes and MD5s, batches, visibility timeouts, long polling, permissions,
 * dead-letter redrive (message move tasks) and retention. Any other operation is left out of
 * `operations`, so the endpoint answers it as AWS answers an operation it does not know. State
 * lives in memory for the life of the service. The same layout as SSM's service: one table of
 * operations, each a function of the service's state and the request.
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
  const operations: Record<string, Operation> = {
    CreateQueue: (input, context) => createQueue(registry, input, context),
    GetQueueUrl: (input, context) => getQueueUrl(registry, input, context),
    ListQueues: (input, context) => listQueues(registry, input, context),
    GetQueueAttributes: (input) => getQueueAttributes(registry, input),
    SetQueueAttributes: (input) => setQueueAttributes(registry, input),
    DeleteQueue: (input) => deleteQueue(registry, input),
    PurgeQueue: (input) => purgeQueue(registry, input),
    TagQueue: (input) => tagQueue(registry, input),
    UntagQueue: (input) => untagQueue(registry, input),
    ListQueueTags: (input) => listQueueTags(registry, input),
    ListDeadLetterSourceQueues: (input, context) => listDeadLetterSourceQueues(registry, input, context),
    SendMessage: (input, context) => sendMessage(registry, input, context),
    SendMessageBatch: (input, context) => sendMessageBatch(registry, input, context),
    ReceiveMessage: (input, context) => receiveMessage(registry, input, context),
    DeleteMessage: (input) => deleteMessage(registry, input),
    DeleteMessageBatch: (input) => deleteMessageBatch(registry, input),
    ChangeMessageVisibility: (input) => changeMessageVisibility(registry, input),
    ChangeMessageVisibilityBatch: (input) => changeMessageVisibilityBatch(registry, input),
    AddPermission: (input) => addPermission(registry, input),
    RemovePermission: (input) => removePermission(registry, input),
    StartMessageMoveTask: (input) => moveTasks.start(input),
    ListMessageMoveTasks: (input) => moveTasks.list(input),
    CancelMessageMoveTask: (input) => moveTasks.cancel(input),
  };
  return {
    targetPrefix: 'AmazonSQS',
    contentType: 'application/x-amz-json-1.0',
    errorNamespace: 'com.amazonaws.sqs#',
    queryCompatible: true,
    operations,
    peek: (queueName, max = 10) => registry.byName(queueName).peek(max),
    close: () => {
      moveTasks.close();
      registry.close();
    },
  };
};
