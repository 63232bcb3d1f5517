import type { Context } from '../context.js';
import { destinationOf, progress, startedAt, table } from '../format.js';
import { findQueue } from '../queue-directory.js';

/** `dlq status <dlq> --stage <stage>`: the DLQ's last 10 move tasks, newest first. */
export const status = async (context: Context): Promise<number> => {
  const { sqs, command } = context;
  const dlq = await findQueue(sqs, command.queue, command.stage);
  const tasks = await sqs.listMoves(dlq.arn, 10);
  context.out(`${dlq.name}: ${dlq.visible} visible, ${dlq.inFlight} in flight`);
  if (tasks.length === 0) {
    context.out('no redrive (message move task) yet');
    return 0;
  }
  const rows = [
    ['started', 'status', 'progress', 'to', 'rate/s', 'details'],
    ...tasks.map((task) => [
      startedAt(task),
      task.Status ?? '?',
      progress(task),
      destinationOf(task),
      task.MaxNumberOfMessagesPerSecond === undefined ? 'auto' : String(task.MaxNumberOfMessagesPerSecond),
      task.FailureReason ? `failed: ${task.FailureReason}` : task.TaskHandle ? `handle ${task.TaskHandle}` : '',
    ]),
  ];
  for (const line of table(rows)) context.out(line);
  return 0;
};
