import type { Context } from '../context.js';
import { awsErrorName } from '../aws-errors.js';
import { QueuesError } from '../errors.js';
import { progress } from '../format.js';
import { findQueue } from '../queue-directory.js';
import { SqsCallError } from '../sqs-api.js';

/** `dlq cancel <dlq> --stage <stage>`: cancels the DLQ's running move task, as `status` finds it. */
export const cancel = async (context: Context): Promise<number> => {
  const { sqs, command } = context;
  const dlq = await findQueue(sqs, command.queue, command.stage);
  const running = (await sqs.listMoves(dlq.arn, 10)).find((task) => task.Status === 'RUNNING' && task.TaskHandle);
  if (!running?.TaskHandle) throw new QueuesError(`no running redrive of ${dlq.name} to cancel`);
  let moved: number;
  try {
    moved = await sqs.cancelMove(running.TaskHandle);
  } catch (error) {
    if (
      error instanceof SqsCallError &&
      ['UnsupportedOperation', 'ResourceNotFoundException'].includes(awsErrorName(error.cause))
    ) {
      throw new QueuesError(
        `the redrive of ${dlq.name} ended before it could be cancelled (${progress(running)} when last seen): \`dlq status\` shows how`,
      );
    }
    throw error;
  }
  context.out(
    `cancelled the redrive of ${dlq.name}: ${moved} of ${running.ApproximateNumberOfMessagesToMove ?? '?'} messages had been moved (they stay moved; the rest wait in the DLQ)`,
  );
  return 0;
};
