import type { SQSClient } from '@aws-sdk/client-sqs';
import { sendMessages } from '@platform/aws';
import type { FetchRequest } from '@platform/contracts';
import type { FetchRequester } from '../core/ports.js';

/** Sends fetch requests to fetch-service's queue, ten per call, retrying transient failures. */
export class SqsFetchRequester implements FetchRequester {
  constructor(
    private readonly queueUrl: string,
    private readonly client?: SQSClient,
  ) {}

  async requestFetch(companyIds: readonly string[], correlationId: string): Promise<string[]> {
    const requestedAt = new Date().toISOString();
    const { failed } = await sendMessages(
      this.queueUrl,
      companyIds.map((companyId) => ({
        body: { companyId, requestedAt } satisfies FetchRequest,
        attributes: { correlationId },
      })),
      this.client ? { client: this.client } : {},
    );
    return failed.map((failure) => companyIds[failure.index] as string);
  }
}
