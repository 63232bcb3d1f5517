export { main } from './main.js';
export type { CliIo } from './context.js';
export { LOCAL_ENDPOINT } from './context.js';
export {
  CallTimeoutError,
  NotADeadLetterQueueError,
  QueueNotFoundError,
  QueuesError,
  TaskAlreadyRunningError,
  UsageError,
} from './errors.js';
