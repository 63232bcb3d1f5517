/** GET /financial-risk/{companyId} on Powertools (see ../README.md). */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { SQSClient } from '@aws-sdk/client-sqs';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Context } from 'aws-lambda';
import { answer, bearerAllows, header, type ApiAnswer, type ApiEvent } from '../http.js';
import { COMPANY_ID, companyRisk } from '../risk.js';
import { logger, settings } from './settings.js';

const clients = { documents: DynamoDBDocumentClient.from(new DynamoDBClient({})), sqs: new SQSClient({}) };

export const handler = async (event: ApiEvent, context: Context): Promise<ApiAnswer> => {
  logger.addContext(context);
  try {
    const values = await settings('risk-service');
    const allowed = await bearerAllows(
      event,
      {
        jwksUrl: values.get('auth/jwksUrl') ?? '',
        issuer: values.get('auth/issuer') ?? '',
        audience: values.get('auth/audience') ?? '',
      },
      'risk:read',
    );
    if (!allowed) return answer(401, 'Unauthorized');
    const companyId = event.pathParameters?.companyId ?? '';
    if (!COMPANY_ID.test(companyId)) return answer(400, 'Invalid company id');
    const correlationId = header(event, 'x-correlation-id') ?? event.requestContext?.requestId ?? '';
    logger.appendKeys({ correlationId });
    const risk = await companyRisk(
      clients,
      {
        table: values.get('riskTable/name') ?? '',
        fetchRequestsUrl: values.get('queues/fetchRequests/url') ?? '',
        staleAfterSeconds: Number(values.get('staleAfterSeconds') ?? 3600),
        refreshCooldownSeconds: Number(values.get('refreshCooldownSeconds') ?? 300),
      },
      companyId,
      correlationId,
    );
    logger.info('Request handled', { companyId, found: risk !== undefined });
    return risk ? answer(200, 'OK', risk) : answer(202, 'Fetching the financial risk of this company: retry shortly');
  } catch (error) {
    logger.error('Request failed', error as Error);
    return answer(500, 'Internal server error');
  }
};
