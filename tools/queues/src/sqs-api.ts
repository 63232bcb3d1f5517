import {
  CancelMessageMoveTaskCommand,
  GetQueueAttributesCommand,
  GetQueueUrlCommand,
  ListDeadLetterSourceQueuesCommand,
  ListMessageMoveTasksCommand,
  ListQueuesCommand,
  StartMessageMoveTaskCommand,
  type ListMessageMoveTasksResultEntry,
  type SQSClient,
} from '@aws-sdk/client-sqs';
import { describeAwsError } from './aws-errors.js';
import { CallTimeoutError, QueuesError } from './errors.js';

/** How many messages a queue holds, as SQS counts them (approximate). */
export interface QueueDepth {
  visible: number;
  inFlight: number;
}

/** A failed SQS call: the one-line description for the user, the SDK error as `cause`. */
export class SqsCallError extends QueuesError {
  constructor(
    message: string,
    readonly operation: string,
    options: ErrorOptions,
  ) {
    super(message, options);
    this.name = 'SqsCallError';
  }
}

/** Options of {@link StartMove}. */
export interface StartMove {
  sourceArn: string;
  destinationArn?: string;
  rate?: number;
}

/**
 * The SQS calls the CLI makes, each ended by a deadline whatever the endpoint does (an endpoint
 * that accepts the connection and never answers fails the call after `timeoutMs`, it never hangs
 * the CLI), and each failure turned into a {@link SqsCallError} whose message says what to do.
 */
export class Sqs {
  constructor(
    private readonly client: SQSClient,
    /** Where SQS is, for messages: `the local cloud (http://…)`, `AWS eu-west-1`. */
    readonly where: string,
    private readonly timeoutMs: number,
  ) {}

  /** Every queue URL the endpoint lists (ListQueues, paginated). */
  async listQueueUrls(): Promise<string[]> {
    const urls: string[] = [];
    let token: string | undefined;
    do {
      const page = await this.run('ListQueues', (abortSignal) =>
        this.client.send(new ListQueuesCommand({ MaxResults: 1000, NextToken: token }), { abortSignal }),
      );
      urls.push(...(page.QueueUrls ?? []));
      token = page.NextToken;
    } while (token);
    return urls;
  }

  /** The URL of a queue by name (and owner account, from an ARN). */
  async queueUrl(name: string, account?: string): Promise<string> {
    const { QueueUrl } = await this.run('GetQueueUrl', (abortSignal) =>
      this.client.send(new GetQueueUrlCommand({ QueueName: name, QueueOwnerAWSAccountId: account }), {
        abortSignal,
      }),
    );
    return String(QueueUrl);
  }

  /** A queue's ARN and depth. */
  async describe(url: string): Promise<{ arn: string } & QueueDepth> {
    const { Attributes = {} } = await this.run('GetQueueAttributes', (abortSignal) =>
      this.client.send(
        new GetQueueAttributesCommand({
          QueueUrl: url,
          AttributeNames: ['QueueArn', 'ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible'],
        }),
        { abortSignal },
      ),
    );
    return {
      arn: String(Attributes.QueueArn),
      visible: Number(Attributes.ApproximateNumberOfMessages ?? 0),
      inFlight: Number(Attributes.ApproximateNumberOfMessagesNotVisible ?? 0),
    };
  }

  /** The URLs of the queues whose RedrivePolicy names this one (ListDeadLetterSourceQueues, paginated). */
  async deadLetterSources(url: string): Promise<string[]> {
    const urls: string[] = [];
    let token: string | undefined;
    do {
      const page = await this.run('ListDeadLetterSourceQueues', (abortSignal) =>
        this.client.send(new ListDeadLetterSourceQueuesCommand({ QueueUrl: url, MaxResults: 1000, NextToken: token }), {
          abortSignal,
        }),
      );
      urls.push(...(page.queueUrls ?? []));
      token = page.NextToken;
    } while (token);
    return urls;
  }

  /** Starts a message move task; returns its handle. */
  async startMove(move: StartMove): Promise<string> {
    const { TaskHandle } = await this.run('StartMessageMoveTask', (abortSignal) =>
      this.client.send(
        new StartMessageMoveTaskCommand({
          SourceArn: move.sourceArn,
          DestinationArn: move.destinationArn,
          MaxNumberOfMessagesPerSecond: move.rate,
        }),
        { abortSignal },
      ),
    );
    return String(TaskHandle);
  }

  /** The DLQ's most recent move tasks, newest first (at most 10, as SQS keeps). */
  async listMoves(sourceArn: string, max = 10): Promise<ListMessageMoveTasksResultEntry[]> {
    const { Results } = await this.run('ListMessageMoveTasks', (abortSignal) =>
      this.client.send(new ListMessageMoveTasksCommand({ SourceArn: sourceArn, MaxResults: max }), { abortSignal }),
    );
    return Results ?? [];
  }

  /** Cancels a running task; returns how many messages it had moved. */
  async cancelMove(handle: string): Promise<number> {
    const { ApproximateNumberOfMessagesMoved } = await this.run('CancelMessageMoveTask', (abortSignal) =>
      this.client.send(new CancelMessageMoveTaskCommand({ TaskHandle: handle }), { abortSignal }),
    );
    return Number(ApproximateNumberOfMessagesMoved ?? 0);
  }

  /**
   * Runs one call with a deadline: the SDK gets an abort signal, and the call is raced against
   * it too, so even a request the SDK does not abort in time cannot hold the CLI.
   */
  private async run<T>(operation: string, send: (abortSignal: AbortSignal) => Promise<T>): Promise<T> {
    const controller = new AbortController();
    let timer: NodeJS.Timeout | undefined;
    const expired = new Promise<never>((_resolve, reject) => {
      timer = setTimeout(() => {
        controller.abort();
        reject(new CallTimeoutError(operation, this.timeoutMs, this.where));
      }, this.timeoutMs);
      timer.unref();
    });
    try {
      return await Promise.race([send(controller.signal), expired]);
    } catch (error) {
      if (error instanceof QueuesError) throw error;
      throw new SqsCallError(describeAwsError(error, operation, this.where), operation, { cause: error });
    } finally {
      clearTimeout(timer);
    }
  }
}
