export {
  boundedTimeoutMs,
  currentDeadline,
  deadlinePassed,
  deadlineSignal,
  outsideDeadline,
  runWithDeadline,
  runWithGrace,
  withinDeadline,
} from './deadline.js';
export type { Deadline, RunWithDeadlineOptions } from './deadline.js';
export { DeadlineExceededError } from './errors.js';
