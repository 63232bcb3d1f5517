import { CliError } from '@platform/cli-kit';

export { UsageError } from '@platform/cli-kit';

/** Base class of the dlq CLI's own errors (message only, never a stack trace; exit code 1). */
export class QueuesError extends CliError {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'QueuesError';
  }
}

/** The queue named on the command line does not exist (or is not of the stage). */
export class QueueNotFoundError extends QueuesError {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'QueueNotFoundError';
  }
}

/** A redrive was asked of a queue that no queue uses as its dead-letter queue. */
export class NotADeadLetterQueueError extends QueuesError {
  constructor(queue: string) {
    super(
      `${queue} is not a dead-letter queue: no queue names it in its RedrivePolicy, so there is nowhere to redrive to (\`dlq ls\` lists the stage's DLQs)`,
    );
    this.name = 'NotADeadLetterQueueError';
  }
}

/** SQS runs one message move task per DLQ at a time, and one is running. */
export class TaskAlreadyRunningError extends QueuesError {
  constructor(queue: string, stage: string, options?: ErrorOptions) {
    super(
      `a redrive of ${queue} is already running (SQS allows one at a time per DLQ): follow it with \`dlq status ${queue} --stage ${stage}\` or stop it with \`dlq cancel ${queue} --stage ${stage}\``,
      options,
    );
    this.name = 'TaskAlreadyRunningError';
  }
}

/** An SQS call did not answer within the CLI's deadline (a hung or unreachable endpoint). */
export class CallTimeoutError extends QueuesError {
  constructor(operation: string, timeoutMs: number, where: string) {
    super(
      `SQS ${operation} at ${where} did not answer within ${timeoutMs / 1000} s: is the endpoint right and up? (AWS_ENDPOINT_URL, AWS_REGION; locally \`npm start\`)`,
    );
    this.name = 'CallTimeoutError';
  }
}
