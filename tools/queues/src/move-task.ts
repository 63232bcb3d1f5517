import type { ListMessageMoveTasksResultEntry } from '@aws-sdk/client-sqs';

/** A move task as ListMessageMoveTasks reports it. */
export type MoveTask = ListMessageMoveTasksResultEntry;

/** Statuses after which a task moves nothing more. */
export const FINAL_STATUSES: ReadonlySet<string> = new Set(['COMPLETED', 'FAILED', 'CANCELLED']);

/** The queue name at the end of an ARN. */
export const nameOfArn = (arn: string): string => arn.split(':').at(-1) ?? arn;

/**
 * Finds the task a `StartMessageMoveTask` call started among the DLQ's tasks (newest first).
 * ListMessageMoveTasks shows the handle only while a task runs, so a task is followed by its
 * start time once seen; a task that already ended before it was first seen is the newest one that
 * is not running (SQS runs one task per DLQ at a time, so none can have started after it and ended
 * while it ran), or the one just before a running task with another handle.
 */
export const findTask = (
  tasks: readonly MoveTask[],
  handle: string,
  startedAt: number | undefined,
): MoveTask | undefined => {
  const byHandle = tasks.find((task) => task.TaskHandle === handle);
  if (byHandle) return byHandle;
  if (startedAt !== undefined) return tasks.find((task) => task.StartedTimestamp === startedAt);
  const first = tasks[0];
  if (first === undefined) return undefined;
  return first.Status === 'RUNNING' || first.Status === 'CANCELLING' ? tasks[1] : first;
};
