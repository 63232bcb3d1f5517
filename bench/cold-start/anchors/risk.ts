/**
 * The risk logic both anchor families share (what services/risk-service/src/core does), written
 * against the bare clients: read, and on a miss or stale reading claim a refresh and send a fetch
 * request; apply an update with the same conditional write.
 */
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { SendMessageCommand, type SQSClient } from '@aws-sdk/client-sqs';
import { GetCommand, PutCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

export interface RiskAnchorSettings {
  table: string;
  fetchRequestsUrl: string;
  staleAfterSeconds: number;
  refreshCooldownSeconds: number;
}

interface RiskItem {
  companyId: string;
  status?: string;
  statusChangedAt?: string;
  fetchedAt?: string;
}

export const COMPANY_ID = /^[A-Za-z0-9][A-Za-z0-9-]{0,63}$/;

const claimAndSend = async (
  clients: { documents: DynamoDBDocumentClient; sqs: SQSClient },
  settings: RiskAnchorSettings,
  companyId: string,
  correlationId: string,
): Promise<void> => {
  const now = Date.now();
  try {
    await clients.documents.send(
      new UpdateCommand({
        TableName: settings.table,
        Key: { companyId },
        UpdateExpression: 'SET refreshRequestedAt = :now',
        ConditionExpression:
          '(attribute_not_exists(refreshRequestedAt) OR refreshRequestedAt <= :threshold) AND (attribute_not_exists(fetchedAt) OR fetchedAt < :before)',
        ExpressionAttributeValues: {
          ':now': now,
          ':threshold': now - settings.refreshCooldownSeconds * 1000,
          ':before': new Date(now - settings.staleAfterSeconds * 1000).toISOString(),
        },
      }),
    );
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) return;
    throw error;
  }
  await clients.sqs.send(
    new SendMessageCommand({
      QueueUrl: settings.fetchRequestsUrl,
      MessageBody: JSON.stringify({ companyId, requestedAt: new Date(now).toISOString() }),
      MessageAttributes: { correlationId: { DataType: 'String', StringValue: correlationId } },
    }),
  );
};

/** The stored risk (`stale` marked), or undefined after requesting a fetch. */
export const companyRisk = async (
  clients: { documents: DynamoDBDocumentClient; sqs: SQSClient },
  settings: RiskAnchorSettings,
  companyId: string,
  correlationId: string,
): Promise<(Required<RiskItem> & { stale: boolean }) | undefined> => {
  const { Item } = await clients.documents.send(new GetCommand({ TableName: settings.table, Key: { companyId } }));
  const item = Item as RiskItem | undefined;
  if (!item?.status || !item.fetchedAt || !item.statusChangedAt) {
    await claimAndSend(clients, settings, companyId, correlationId);
    return undefined;
  }
  const stale = Date.now() - Date.parse(item.fetchedAt) > settings.staleAfterSeconds * 1000;
  if (stale) await claimAndSend(clients, settings, companyId, correlationId).catch(() => undefined);
  return {
    companyId,
    status: item.status,
    statusChangedAt: item.statusChangedAt,
    fetchedAt: item.fetchedAt,
    stale,
  };
};

export interface RiskUpdate {
  companyId: string;
  status: string;
  fetchedAt: string;
}

const STATUSES = new Set(['reliable', 'indebted', 'unknown']);

/** The message checked by hand (the anchors carry no schema library). */
export const parseRiskUpdate = (body: string): RiskUpdate => {
  const value = JSON.parse(body) as Partial<RiskUpdate>;
  if (
    typeof value.companyId !== 'string' ||
    !COMPANY_ID.test(value.companyId) ||
    typeof value.status !== 'string' ||
    !STATUSES.has(value.status) ||
    typeof value.fetchedAt !== 'string' ||
    Number.isNaN(Date.parse(value.fetchedAt))
  ) {
    throw new Error('invalid risk update');
  }
  return { companyId: value.companyId, status: value.status, fetchedAt: new Date(value.fetchedAt).toISOString() };
};

/** Writes the reading unless the same or a newer one is stored; retries a lost race. */
export const applyUpdate = async (
  documents: DynamoDBDocumentClient,
  table: string,
  update: RiskUpdate,
): Promise<'applied' | 'outdated'> => {
  for (let attempt = 1; attempt <= 5; attempt += 1) {
    const { Item } = await documents.send(new GetCommand({ TableName: table, Key: { companyId: update.companyId } }));
    const current = Item as RiskItem | undefined;
    if (current?.fetchedAt && Date.parse(current.fetchedAt) >= Date.parse(update.fetchedAt)) return 'outdated';
    try {
      await documents.send(
        new PutCommand({
          TableName: table,
          Item: {
            ...update,
            statusChangedAt:
              current?.status === update.status && current.statusChangedAt ? current.statusChangedAt : update.fetchedAt,
          },
          ...(current?.fetchedAt
            ? {
                ConditionExpression: 'fetchedAt = :expected',
                ExpressionAttributeValues: { ':expected': current.fetchedAt },
              }
            : { ConditionExpression: 'attribute_not_exists(fetchedAt)' }),
        }),
      );
      return 'applied';
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
    }
  }
  throw new Error(`risk update conflict for ${update.companyId}`);
};
