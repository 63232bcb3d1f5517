import { GetQueueAttributesCommand, SQSClient, type Message } from '@aws-sdk/client-sqs';
import { createConcurrencyLimit } from './concurrency-limit.js';
import { createGroupTracker, isFifoQueue } from './fifo-batch.js';
import { resolveMappingOptions, type EventSourceMappingOptions } from './event-source-mapping-options.js';
import { createLambdaInvoker } from './lambda-invoker.js';
import { createPollBackoff } from './poll-backoff.js';
import { processBatch, type BatchContext } from './process-batch.js';
import { receiveBatch } from './receive-batch.js';
import { describeError, emptyStats, type EventSourceMappingStats } from './types.js';

/** Lambda starts five pollers per SQS event source; never more than the concurrency allows. */
const MAX_POLLERS = 5;

/** A running event-source mapping. */
export interface EventSourceMapping {
  /** Live counters (see {@link EventSourceMappingStats}). */
  readonly stats: Readonly<EventSourceMappingStats>;
  /**
   * Stops polling (aborting the long polls in flight), invokes the records already received,
   * waits for every running invocation and its deletions, then closes its clients. Leaves no
   * timer or socket behind. Safe to call twice.
   */
  stop(): Promise<void>;
}

/**
 * Polls an SQS queue and invokes a Lambda function with its messages, as AWS's SQS event
 * source does: long-polled batches of up to `batchSize` records gathered within the batching
 * window, at most `maximumConcurrency` invocations at once, AWS's event shape, and deletion of
 * the records that succeeded (all of them, or all but the `batchItemFailures` when
 * `reportBatchItemFailures`). Failed records return after the queue's visibility timeout and
 * follow its redrive policy. On a FIFO queue (`.fifo`) each batch's records are in group order and
 * a failed group's records stay in flight, so the queue holds the group until they come back (see
 * `processBatch`). SQS errors (queue missing, endpoint down) never throw: the pollers
 * back off (1 s doubling to 20 s), logging once per pause, and resume when SQS answers.
 *
 * @example
 * const mapping = startEventSourceMapping({
 *   functionName: 'risk-service-local-consumeFetchResult',
 *   invokeEndpoint: 'http://127.0.0.1:3102',
 *   queueUrl: 'http://127.0.0.1:4566/000000000000/fetch-results',
 *   sqsEndpoint: 'http://127.0.0.1:4566',
 *   reportBatchItemFailures: true,
 * });
 * // ...
 * await mapping.stop();
 */
export const startEventSourceMapping = (options: EventSourceMappingOptions): EventSourceMapping => {
  const settings = resolveMappingOptions(options);
  const { logger, queueUrl, functionName } = settings;
  const sqs =
    settings.sqs ??
    new SQSClient({
      endpoint: settings.sqsEndpoint,
      region: settings.region,
      credentials: settings.credentials,
      maxAttempts: 1,
    });
  const invoker = createLambdaInvoker({
    functionName,
    endpoint: settings.invokeEndpoint,
    region: settings.region,
    credentials: settings.credentials,
    timeoutSeconds: settings.functionTimeoutSeconds,
  });
  const stats = emptyStats();
  const aborter = new AbortController();
  const { signal } = aborter;
  const backoff = createPollBackoff(logger, { functionName, queueUrl });
  const limit = createConcurrencyLimit(settings.maximumConcurrency);
  const running = new Set<Promise<void>>();

  const resolveQueueArn = async function resolveQueueArn(): Promise<string | undefined> {
    while (!signal.aborted) {
      try {
        const command = new GetQueueAttributesCommand({
          QueueUrl: queueUrl,
          AttributeNames: ['QueueArn', 'VisibilityTimeout'],
        });
        const { Attributes: attributes } = await sqs.send(command, { abortSignal: signal });
        if (!attributes?.QueueArn) throw new Error('GetQueueAttributes returned no QueueArn');
        backoff.succeeded();
        const visibility = Number(attributes.VisibilityTimeout);
        if (settings.timeoutGiven && visibility < settings.functionTimeoutSeconds) {
          const details = {
            functionName,
            queueUrl,
            visibilityTimeout: visibility,
            functionTimeoutSeconds: settings.functionTimeoutSeconds,
          };
          logger.warn(
            details,
            'the queue visibility timeout is shorter than the function timeout (AWS refuses this mapping)',
          );
        }
        return attributes.QueueArn;
      } catch (error) {
        if (signal.aborted) break;
        stats.pollErrors += 1;
        await backoff.failed(error, signal);
      }
    }
    return undefined;
  };

  const dispatch = function dispatch(context: BatchContext, messages: Message[]): void {
    stats.inFlight += 1;
    const task = processBatch(context, messages)
      .catch((error: unknown) =>
        logger.error({ functionName, queueUrl, error: describeError(error) }, 'batch processing failed'),
      )
      .finally(() => {
        stats.inFlight -= 1;
        limit.release();
        running.delete(task);
      });
    running.add(task);
  };

  const poll = async function poll(context: BatchContext): Promise<void> {
    while (await limit.acquire(signal)) {
      const batch = await receiveBatch({ ...settings, sqs }, signal);
      stats.received += batch.messages.length;
      if (batch.messages.length > 0) dispatch(context, batch.messages);
      else limit.release();
      if ('error' in batch) {
        stats.pollErrors += 1;
        await backoff.failed(batch.error, signal);
      } else if (!signal.aborted) {
        backoff.succeeded();
      }
    }
  };

  const run = async function run(): Promise<void> {
    const queueArn = await resolveQueueArn();
    if (queueArn === undefined) return;
    const fifo = isFifoQueue(queueArn);
    const context: BatchContext = {
      ...settings,
      sqs,
      queueArn,
      invoker,
      stats,
      fifo,
      ...(fifo ? { groups: createGroupTracker() } : {}),
    };
    logger.info({ functionName, queueUrl, batchSize: settings.batchSize }, 'polling');
    const pollers = Math.min(settings.maximumConcurrency, MAX_POLLERS);
    await Promise.all(Array.from({ length: pollers }, () => poll(context)));
  };

  const polling = run().catch((error: unknown) =>
    logger.error({ functionName, queueUrl, error: describeError(error) }, 'polling failed'),
  );
  let stopping: Promise<void> | undefined;

  const stop = function stop(): Promise<void> {
    stopping ??= (async () => {
      aborter.abort();
      await polling;
      await Promise.all([...running]);
      invoker.destroy();
      if (!settings.sqs) sqs.destroy();
    })();
    return stopping;
  };

  return { stats, stop };
};
