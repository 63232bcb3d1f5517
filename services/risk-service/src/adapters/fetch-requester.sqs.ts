import type { SQSClient } from '@aws-sdk/client-sqs';
import { sendMessages } from '@platform/aws';
import type { FetchRequester } from '../core/ports.js';

/** The message fetch-service's `fetchCompany` consumes. */
export interface FetchRequestMessage {
  companyId: string;
  requestedAt: string;
}

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
        body: { companyId, requestedAt } satisfies FetchRequestMessage,
        attributes: { correlationId },
      })),
      this.client ? { client: this.client } : {},
    );
    return failed.map((failure) => companyIds[failure.index] as string);
  }
}
