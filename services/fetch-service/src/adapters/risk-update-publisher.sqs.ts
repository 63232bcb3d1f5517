import type { SQSClient } from '@aws-sdk/client-sqs';
import { sendMessages } from '@platform/aws';
import type { RiskUpdate } from '../core/company.js';
import { RiskUpdatePublishError } from '../core/errors.js';
import type { UpdatePublisher } from '../core/ports.js';

/**
 * Publishes risk updates to risk-service's risk-updates queue, with the correlation id as a
 * message attribute (risk-service's `sqs` adapter reads it from there). Transient SQS failures
 * are retried by `sendMessages`; what still fails is thrown so the fetch request is retried.
 */
export class SqsUpdatePublisher implements UpdatePublisher {
  constructor(
    private readonly queueUrl: string,
    private readonly client?: SQSClient,
  ) {}

  async publish(update: RiskUpdate, correlationId: string): Promise<void> {
    const { failed } = await sendMessages(
      this.queueUrl,
      [{ body: update, attributes: { correlationId } }],
      this.client ? { client: this.client } : {},
    );
    const failure = failed[0];
    if (failure) throw new RiskUpdatePublishError(update.companyId, `${failure.code}: ${failure.reason}`);
  }
}
