/** The risk-updates consumer on the bare SDK: partial batch failures by hand (see ../README.md). */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { applyUpdate, parseRiskUpdate } from '../risk.js';
import { log, settings } from './settings.js';

const documents = DynamoDBDocumentClient.from(new DynamoDBClient({}));

export const handler = async (event: SQSEvent): Promise<SQSBatchResponse> => {
  const values = await settings('risk-service');
  const table = values.get('riskTable/name') ?? '';
  const failures: SQSBatchResponse['batchItemFailures'] = [];
  for (const record of event.Records) {
    try {
      const update = parseRiskUpdate(record.body);
      const outcome = await applyUpdate(documents, table, update);
      log('info', 'Risk update processed', { companyId: update.companyId, outcome });
    } catch (error) {
      log('error', 'Risk update failed', { messageId: record.messageId, error: String(error) });
      failures.push({ itemIdentifier: record.messageId });
    }
  }
  return { batchItemFailures: failures };
};
