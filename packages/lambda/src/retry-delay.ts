import { ChangeMessageVisibilityBatchCommand, GetQueueUrlCommand } from '@aws-sdk/client-sqs';
import type { SQSRecord } from 'aws-lambda';
import { sqsClient } from '@platform/aws';
import { exponentialDelay } from '@platform/cache';
import type { InvocationLogger } from '@platform/logger';

/** Seconds before a failed message is delivered again, given how often it was delivered so far. */
export type RetryDelay = (receiveCount: number) => number;

/**
 * Exponential back-off for failed messages: `baseSeconds × 2^(receiveCount-1)`, capped at
 * `maxSeconds` and at SQS's 12 hours.
 *
 * @example
 * sqs({ settings, message, retryDelay: exponentialRetryDelay(2, 300) }, fn); // 2 s, 4 s, 8 s, …, 5 min
 */
export const exponentialRetryDelay =
  (baseSeconds: number, maxSeconds: number): RetryDelay =>
  (receiveCount) =>
    Math.round(exponentialDelay(receiveCount, { initial: baseSeconds, max: Math.min(maxSeconds, 43_200) }));

const queueUrls = new Map<string, Promise<string | undefined>>();

/** The queue URL of an event source ARN, looked up once per container (works on AWS and locally). */
const queueUrlOf = (arn: string): Promise<string | undefined> => {
  let url = queueUrls.get(arn);
  if (!url) {
    const [, , , , account, name] = arn.split(':');
    url = sqsClient()
      .send(new GetQueueUrlCommand({ QueueName: name, QueueOwnerAWSAccountId: account }))
      .then((output) => output.QueueUrl)
      .catch(() => {
        queueUrls.delete(arn);
        return undefined;
      });
    queueUrls.set(arn, url);
  }
  return url;
};

/**
 * Delays the redelivery of failed records by changing their visibility timeout, instead of
 * leaving them invisible for the queue's whole visibility timeout. Best effort: if SQS refuses,
 * the queue's own timeout applies, and nothing is lost.
 */
export const delayRetries = async (
  records: readonly SQSRecord[],
  retryDelay: RetryDelay,
  logger: InvocationLogger,
): Promise<void> => {
  const byQueue = new Map<string, SQSRecord[]>();
  for (const record of records)
    byQueue.set(record.eventSourceARN, [...(byQueue.get(record.eventSourceARN) ?? []), record]);
  for (const [arn, failed] of byQueue) {
    const queueUrl = await queueUrlOf(arn);
    if (!queueUrl) {
      logger.warn({ eventSourceARN: arn }, 'Could not find the queue to delay retries; its visibility timeout applies');
      continue;
    }
    for (let i = 0; i < failed.length; i += 10) {
      const entries = failed.slice(i, i + 10).map((record, index) => ({
        Id: String(index),
        ReceiptHandle: record.receiptHandle,
        VisibilityTimeout: Math.max(0, retryDelay(Number(record.attributes?.ApproximateReceiveCount ?? 1))),
      }));
      try {
        const output = await sqsClient().send(
          new ChangeMessageVisibilityBatchCommand({ QueueUrl: queueUrl, Entries: entries }),
        );
        if ((output.Failed ?? []).length > 0)
          logger.warn({ failed: output.Failed }, 'Some retries could not be delayed');
      } catch (error) {
        logger.warn({ err: error }, 'Could not delay retries; the queue visibility timeout applies');
      }
    }
  }
};
