import { randomUUID } from 'node:crypto';
import { AwsError } from '../aws-error.js';
import type { Queue } from './queue.js';
import type { QueueRegistry } from './queue-registry.js';
import type { ReceiptHandle } from './receipt-handle.js';
import { invalidParameterValue, unsupportedOperation } from './sqs-errors.js';
import type { ReceivedMessage } from './sqs-types.js';
import type { MessageContent } from './stored-message.js';
import { optionalInteger, requireString, type SqsInput } from './sqs-input.js';

/** The statuses ListMessageMoveTasks reports. */
export type MoveTaskStatus = 'RUNNING' | 'COMPLETED' | 'CANCELLING' | 'CANCELLED' | 'FAILED';

/** Highest rate StartMessageMoveTask accepts (API reference: "The maximum value ... is 500"). */
const MAX_RATE = 500;
/**
 * Without MaxNumberOfMessagesPerSecond AWS "optimizes the rate based on the backlog"; locally the
 * task then moves at the highest documented rate.
 */
const DEFAULT_RATE = MAX_RATE;
/** A task moves in ticks of this length, taking a tenth of its per-second rate each tick. */
const TICK_MS = 100;
/** How long a message taken from the DLQ stays hidden while it is being moved. */
const MOVE_VISIBILITY_SECONDS = 30;
/** ListMessageMoveTasks returns at most 10 tasks per source; older ones are forgotten. */
const TASKS_KEPT_PER_SOURCE = 10;

const resourceNotFound = (message: string): AwsError =>
  new AwsError('ResourceNotFoundException', message, { queryCode: 'ResourceNotFoundException', statusCode: 404 });

/** One message movement task: a DLQ drained into its sources, or into one chosen destination. */
interface MoveTask {
  readonly taskId: string;
  readonly handle: string;
  readonly source: Queue;
  readonly destination: Queue | undefined;
  /** As given in the request; undefined when the request left it out. */
  readonly requestedRate: number | undefined;
  readonly startedAt: number;
  readonly toMove: number;
  status: MoveTaskStatus;
  moved: number;
  failureReason: string | undefined;
  /** Fractional messages this task may still move, refilled every tick. */
  allowance: number;
  timer: NodeJS.Timeout | undefined;
}

const encodeHandle = (taskId: string, sourceArn: string): string =>
  Buffer.from(JSON.stringify({ taskId, sourceArn }), 'utf8').toString('base64');

const decodeHandle = (handle: string): { taskId: string; sourceArn: string } => {
  try {
    const decoded = JSON.parse(Buffer.from(handle, 'base64').toString('utf8')) as unknown;
    if (
      typeof decoded === 'object' &&
      decoded !== null &&
      typeof (decoded as { taskId?: unknown }).taskId === 'string' &&
      typeof (decoded as { sourceArn?: unknown }).sourceArn === 'string'
    ) {
      return decoded as { taskId: string; sourceArn: string };
    }
  } catch {
    // Falls through to the error below.
  }
  throw invalidParameterValue('Value for parameter TaskHandle is invalid.');
};

/** The content a moved message arrives with: a new message, as the developer guide says. */
const movedContent = (content: MessageContent, now: number): MessageContent => {
  // "All redriven messages are considered new messages, and are assigned a new messageID and
  // enqueueTime" (SQS Developer Guide, dead-letter queue redrive): the retention period restarts,
  // the dead-letter source is forgotten, body and attributes travel unchanged.
  // From a FIFO DLQ, "the message deduplication ID is replaced with the message ID" (the same
  // guide); the destination gives it a sequence number of its own and keeps its message group.
  const { deadLetterQueueSourceArn: _source, sequenceNumber: _sequence, ...rest } = content;
  const id = randomUUID();
  return { ...rest, id, sentAt: now, ...(rest.deduplicationId === undefined ? {} : { deduplicationId: id }) };
};

/**
 * The message move tasks of SQS (StartMessageMoveTask, ListMessageMoveTasks,
 * CancelMessageMoveTask): dead-letter queue redrive. A task counts the DLQ's messages when it
 * starts and moves at most that many, oldest first, at its rate; it receives each one from the DLQ,
 * sends it to its destination and only then deletes it, so a failure never loses a message.
 *
 * @example
 * const tasks = new MessageMoveTasks(registry);
 * const answer = tasks.start({ SourceArn: deadLetterQueueArn });
 * // ...
 * tasks.close();
 */
export class MessageMoveTasks {
  readonly #registry: QueueRegistry;
  /** Tasks by source queue ARN, most recent last. */
  readonly #bySource = new Map<string, MoveTask[]>();

  constructor(registry: QueueRegistry) {
    this.#registry = registry;
  }

  /** Stops every running task where it is; moved messages stay moved. */
  close(): void {
    for (const tasks of this.#bySource.values()) for (const task of tasks) this.#stop(task);
  }

  /** StartMessageMoveTask: answers the new task's handle. */
  start(input: SqsInput): Record<string, unknown> {
    return { TaskHandle: this.#start(input) };
  }

  /** ListMessageMoveTasks. */
  list(input: SqsInput): Record<string, unknown> {
    return this.#list(input);
  }

  /** CancelMessageMoveTask: answers how many messages the task moved. */
  cancel(input: SqsInput): Record<string, unknown> {
    return { ApproximateNumberOfMessagesMoved: this.#cancel(input) };
  }

  #start(input: SqsInput): string {
    const sourceArn = requireString(input, 'SourceArn');
    const destinationArn = input['DestinationArn'] === undefined ? undefined : requireString(input, 'DestinationArn');
    const requestedRate = optionalInteger(input, 'MaxNumberOfMessagesPerSecond', 1, MAX_RATE);
    const source = this.#registry.byArn(sourceArn);
    if (source === undefined)
      throw resourceNotFound("The resource that you specified for the SourceArn parameter doesn't exist.");
    if (this.#registry.deadLetterSources(source).length === 0) {
      // AWS accepts only "ARNs of dead-letter queues (DLQs) whose sources are other Amazon SQS queues".
      throw invalidParameterValue('Source queue must be configured as a Dead Letter Queue.');
    }
    let destination: Queue | undefined;
    if (destinationArn !== undefined) {
      destination = this.#registry.byArn(destinationArn);
      if (destination === undefined) {
        throw resourceNotFound("The resource that you specified for the DestinationArn parameter doesn't exist.");
      }
      if (destination === source) throw invalidParameterValue('Source queue and destination queue cannot be the same.');
      // "you can also configure any other queue as the redrive destination if both queues are the same type".
      if (isFifo(destination) !== isFifo(source)) {
        throw invalidParameterValue('The source queue and the destination queue must be of the same queue type.');
      }
    }
    const tasks = this.#bySource.get(sourceArn) ?? [];
    if (tasks.some((task) => task.status === 'RUNNING' || task.status === 'CANCELLING')) {
      // "Only one active message movement task is supported per queue at any given time." AWS
      // answers InvalidParameterValue (LocalStack's AWS-validated snapshot test_start_multiple_move_tasks).
      throw invalidParameterValue(
        'There is already a task running. Only one active task is allowed for a source queue arn at a given time.',
      );
    }
    const counts = source.counts();
    const taskId = randomUUID();
    const task: MoveTask = {
      taskId,
      handle: encodeHandle(taskId, sourceArn),
      source,
      destination,
      requestedRate,
      startedAt: Date.now(),
      toMove: counts.visible + counts.inflight + counts.delayed,
      status: 'RUNNING',
      moved: 0,
      failureReason: undefined,
      allowance: 0,
      timer: undefined,
    };
    tasks.push(task);
    if (tasks.length > TASKS_KEPT_PER_SOURCE) tasks.splice(0, tasks.length - TASKS_KEPT_PER_SOURCE);
    this.#bySource.set(sourceArn, tasks);
    task.timer = setInterval(() => this.#tick(task), TICK_MS);
    task.timer.unref();
    this.#tick(task);
    return task.handle;
  }

  #list(input: SqsInput): { Results: Record<string, unknown>[] } {
    const sourceArn = requireString(input, 'SourceArn');
    const maxResults = optionalInteger(input, 'MaxResults', 1, TASKS_KEPT_PER_SOURCE) ?? 1;
    if (this.#registry.byArn(sourceArn) === undefined) {
      throw resourceNotFound("The resource that you specified for the SourceArn parameter doesn't exist.");
    }
    const tasks = [...(this.#bySource.get(sourceArn) ?? [])].reverse().slice(0, maxResults);
    return {
      Results: tasks.map((task) => ({
        ...(task.status === 'RUNNING' ? { TaskHandle: task.handle } : {}),
        Status: task.status,
        SourceArn: task.source.arn,
        ...(task.destination ? { DestinationArn: task.destination.arn } : {}),
        ...(task.requestedRate === undefined ? {} : { MaxNumberOfMessagesPerSecond: task.requestedRate }),
        ApproximateNumberOfMessagesMoved: task.moved,
        ApproximateNumberOfMessagesToMove: task.toMove,
        ...(task.failureReason ? { FailureReason: task.failureReason } : {}),
        StartedTimestamp: task.startedAt,
      })),
    };
  }

  #cancel(input: SqsInput): number {
    const { taskId, sourceArn } = decodeHandle(requireString(input, 'TaskHandle'));
    // A handle naming a queue that does not exist is answered for the SourceArn, one naming an
    // existing queue but no task of it "Task does not exist." (AWS-validated snapshots).
    if (this.#registry.byArn(sourceArn) === undefined) {
      throw resourceNotFound("The resource that you specified for the SourceArn parameter doesn't exist.");
    }
    const task = this.#bySource.get(sourceArn)?.find((candidate) => candidate.taskId === taskId);
    if (task === undefined) throw resourceNotFound('Task does not exist.');
    if (task.status !== 'RUNNING') {
      throw unsupportedOperation(`Only tasks in RUNNING status can be cancelled; this task is ${task.status}.`);
    }
    // AWS passes through CANCELLING while the task winds down; a local tick is synchronous, so the
    // task is CANCELLED as soon as this call returns.
    this.#stop(task);
    task.status = 'CANCELLED';
    return task.moved;
  }

  #stop(task: MoveTask): void {
    if (task.timer !== undefined) clearInterval(task.timer);
    task.timer = undefined;
  }

  #fail(task: MoveTask, reason: string): void {
    this.#stop(task);
    task.status = 'FAILED';
    task.failureReason = reason;
  }

  /** Moves up to a tick's share of the rate, or ends the task when nothing is left to move. */
  #tick(task: MoveTask): void {
    if (task.status !== 'RUNNING') return;
    if (!this.#exists(task.source)) return this.#fail(task, 'AWS.SimpleQueueService.NonExistentQueue');
    if (task.destination && !this.#exists(task.destination)) {
      return this.#fail(task, 'AWS.SimpleQueueService.NonExistentQueue');
    }
    const rate = task.requestedRate ?? DEFAULT_RATE;
    task.allowance = Math.min(rate, task.allowance + (rate * TICK_MS) / 1000);
    while (task.allowance >= 1 && task.moved < task.toMove) {
      const batch = Math.min(10, Math.floor(task.allowance), task.toMove - task.moved);
      const taken = this.#take(task.source, batch);
      if (taken.length === 0) break;
      for (const { content, receiptHandle } of taken) {
        const destination = task.destination ?? this.#originalSource(content);
        if (destination === undefined) {
          // The message's own source queue is gone: it stays in the DLQ, visible again at once.
          task.source.changeVisibility(receiptHandle, 0);
          return this.#fail(task, 'CouldNotDetermineMessageSource');
        }
        destination.send(movedContent(content, Date.now()));
        task.source.delete(receiptHandle);
        task.moved += 1;
        task.allowance -= 1;
      }
    }
    const left = task.source.counts();
    // Complete once the messages counted at the start are moved, or none is left to take (messages
    // that arrive in the DLQ after the start are not part of the task).
    if (task.moved >= task.toMove || left.visible + left.inflight + left.delayed === 0) {
      this.#stop(task);
      task.status = 'COMPLETED';
    }
  }

  /** Whether the queue is still the registry's (not deleted, nor deleted and created again). */
  #exists(queue: Queue): boolean {
    return this.#registry.byArn(queue.arn) === queue;
  }

  #originalSource(content: MessageContent): Queue | undefined {
    return content.deadLetterQueueSourceArn === undefined
      ? undefined
      : this.#registry.byArn(content.deadLetterQueueSourceArn);
  }

  /** Receives messages from the DLQ as any consumer would, keeping their stored content. */
  #take(source: Queue, max: number): Array<{ content: MessageContent; receiptHandle: ReceiptHandle }> {
    const taken: Array<{ content: MessageContent; receiptHandle: ReceiptHandle }> = [];
    const result = source.receive({
      maxMessages: max,
      visibilityTimeout: MOVE_VISIBILITY_SECONDS,
      waitSeconds: 0,
      signal: new AbortController().signal,
      render: (message, receiptHandle): ReceivedMessage => {
        taken.push({
          content: message.content,
          receiptHandle: { messageId: message.content.id, token: message.receiptToken ?? '' },
        });
        return { MessageId: message.content.id, ReceiptHandle: receiptHandle, MD5OfBody: '', Body: '' };
      },
    });
    if (result instanceof Promise) throw new Error('A receive without wait time must answer at once');
    return taken;
  }
}

const isFifo = (queue: Queue): boolean => queue.fifo;
