/** The risk-updates consumer on Powertools Batch (partial batch responses; see ../README.md). */
import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Context, SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import { applyUpdate, parseRiskUpdate } from '../risk.js';
import { logger, settings } from './settings.js';

const documents = DynamoDBDocumentClient.from(new DynamoDBClient({}));
const processor = new BatchProcessor(EventType.SQS);

export const handler = async (event: SQSEvent, context: Context): Promise<SQSBatchResponse> => {
  logger.addContext(context);
  const values = await settings('risk-service');
  const table = values.get('riskTable/name') ?? '';
  const processRecord = async (record: SQSRecord): Promise<void> => {
    const update = parseRiskUpdate(record.body);
    const outcome = await applyUpdate(documents, table, update);
    logger.info('Risk update processed', { companyId: update.companyId, outcome });
  };
  return processPartialResponse(event, processRecord, processor, { context });
};
