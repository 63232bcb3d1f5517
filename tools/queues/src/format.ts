import type { ListMessageMoveTasksResultEntry } from '@aws-sdk/client-sqs';
import { nameOfArn } from './move-task.js';

/** Pads `cells` into columns (the last one unpadded), with a header row first. */
export const table = (rows: readonly (readonly string[])[]): string[] => {
  const widths = rows[0]?.map((_, column) => Math.max(...rows.map((row) => row[column]?.length ?? 0))) ?? [];
  return rows.map((row) =>
    row
      .map((cell, column) => (column === row.length - 1 ? cell : cell.padEnd(widths[column] ?? 0)))
      .join('  ')
      .trimEnd(),
  );
};

/** `12/25 moved`. */
export const progress = (task: ListMessageMoveTasksResultEntry): string =>
  `${task.ApproximateNumberOfMessagesMoved ?? 0}/${task.ApproximateNumberOfMessagesToMove ?? '?'} moved`;

/** Where a task moves to: the named destination, or the messages' own source queues. */
export const destinationOf = (task: { DestinationArn?: string }): string =>
  task.DestinationArn ? nameOfArn(task.DestinationArn) : 'their source queues';

/** When a task started, ISO 8601 to the second. */
export const startedAt = (task: ListMessageMoveTasksResultEntry): string =>
  task.StartedTimestamp === undefined ? '?' : new Date(task.StartedTimestamp).toISOString().replace(/\.\d{3}Z$/, 'Z');
