import type { Context } from '../context.js';
import { awsErrorName } from '../aws-errors.js';
import { NotADeadLetterQueueError, QueuesError, TaskAlreadyRunningError } from '../errors.js';
import { destinationOf, progress } from '../format.js';
import { FINAL_STATUSES, findTask, type MoveTask } from '../move-task.js';
import { findQueue, nameOfUrl, type QueueInfo } from '../queue-directory.js';
import { SqsCallError } from '../sqs-api.js';

/** Consecutive failed progress polls before `redrive` stops watching (the task itself goes on). */
const MAX_POLL_FAILURES = 3;

/** Turns SQS's refusals of StartMessageMoveTask into the CLI's errors. */
const startRefusal = (error: unknown, dlq: QueueInfo, stage: string): unknown => {
  if (!(error instanceof SqsCallError)) return error;
  const name = awsErrorName(error.cause);
  const message = error.cause instanceof Error ? error.cause.message : '';
  if (name === 'UnsupportedOperation' || /already a task running/i.test(message)) {
    return new TaskAlreadyRunningError(dlq.name, stage, { cause: error.cause });
  }
  if (/dead letter queue/i.test(message)) return new NotADeadLetterQueueError(dlq.name);
  if (['InvalidParameterValue', 'ResourceNotFoundException'].includes(name)) {
    return new QueuesError(`SQS refused the redrive of ${dlq.name}: ${message}`, { cause: error.cause });
  }
  return error;
};

/** Polls the task until it ends, printing its progress; resolves to the task as it ended. */
const follow = async (context: Context, dlq: QueueInfo, handle: string): Promise<MoveTask> => {
  let startedAt: number | undefined;
  let failures = 0;
  let last = '';
  for (;;) {
    let task: MoveTask | undefined;
    try {
      task = findTask(await context.sqs.listMoves(dlq.arn, 10), handle, startedAt);
      failures = 0;
    } catch (error) {
      failures += 1;
      if (failures >= MAX_POLL_FAILURES) {
        const reason = error instanceof Error ? error.message : String(error);
        throw new QueuesError(
          `lost track of the redrive of ${dlq.name} (${reason}); it goes on without this command: \`dlq status ${dlq.name} --stage ${context.command.stage}\``,
        );
      }
    }
    if (task) {
      startedAt = task.StartedTimestamp;
      const line = `${task.Status ?? '?'} ${progress(task)}`;
      if (line !== last) context.out(line);
      last = line;
      if (FINAL_STATUSES.has(task.Status ?? '')) return task;
    } else if (failures === 0) {
      throw new QueuesError(
        `the redrive of ${dlq.name} is no longer listed by SQS: \`dlq status\` shows its last tasks`,
      );
    }
    await context.sleep(context.pollIntervalMs);
  }
};

/**
 * `dlq redrive <dlq> --stage <stage> [--to <queue>] [--rate N] [--no-wait]`:
 * 1. finds the DLQ (of the stage) and refuses a queue that is no queue's DLQ;
 * 2. finds `--to`, when given;
 * 3. starts a message move task (SQS refuses a second one while one runs);
 * 4. with `--no-wait` prints the task handle; otherwise follows the task to its end and exits 0
 *    only when it COMPLETED.
 */
export const redrive = async (context: Context): Promise<number> => {
  const { sqs, command } = context;
  const dlq = await findQueue(sqs, command.queue, command.stage);
  const sources = await sqs.deadLetterSources(dlq.url);
  if (sources.length === 0) throw new NotADeadLetterQueueError(dlq.name);
  const destination = command.to === undefined ? undefined : await findQueue(sqs, command.to, command.stage);
  if (destination?.arn === dlq.arn) throw new QueuesError(`--to names the DLQ itself (${dlq.name})`);

  let handle: string;
  try {
    handle = await sqs.startMove({ sourceArn: dlq.arn, destinationArn: destination?.arn, rate: command.rate });
  } catch (error) {
    throw startRefusal(error, dlq, command.stage);
  }
  const to = destination?.name ?? `their source queues (${sources.map(nameOfUrl).sort().join(', ')})`;
  const rate = command.rate === undefined ? 'at the rate SQS chooses' : `at most ${command.rate}/s`;
  context.out(`started a redrive of ${dlq.name} (${dlq.visible + dlq.inFlight} messages) to ${to}, ${rate}`);
  if (!command.wait) {
    context.out(`task handle: ${handle}`);
    context.out(
      `follow it with \`dlq status ${dlq.name} --stage ${command.stage}\`, stop it with \`dlq cancel ${dlq.name} --stage ${command.stage}\``,
    );
    return 0;
  }
  context.err('(Ctrl-C stops watching, not the task: `dlq cancel` stops it)');
  const task = await follow(context, dlq, handle);
  const moved = task.ApproximateNumberOfMessagesMoved ?? 0;
  switch (task.Status) {
    case 'COMPLETED':
      context.out(`done: ${moved} messages moved to ${destinationOf(task)}`);
      return 0;
    case 'CANCELLED':
      context.err(`cancelled after ${moved} messages were moved; the rest wait in ${dlq.name}`);
      return 1;
    default:
      context.err(`failed after ${moved} messages were moved: ${task.FailureReason ?? 'no reason given'}`);
      return 1;
  }
};
