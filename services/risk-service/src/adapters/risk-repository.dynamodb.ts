import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { scanPages } from '@platform/aws';
import { runWithGrace } from '@platform/deadline';
import type { ClaimOptions, RiskRepository } from '../core/ports.js';
import type { CompanyRisk, RiskStatus } from '../core/risk.js';

/** One item of the risk table: a company's risk, and its pending refresh claim. */
interface RiskItem {
  companyId: string;
  status?: RiskStatus;
  statusChangedAt?: string;
  fetchedAt?: string;
  /** Epoch ms of the last refresh request (the de-duplication claim). */
  refreshRequestedAt?: number;
}

/** Time a claim's release may take once the invocation's own deadline has passed. */
const RELEASE_GRACE_MS = 500;

const isConditionFailure = (error: unknown): boolean => error instanceof ConditionalCheckFailedException;

/**
 * The risk table in DynamoDB (partition key `companyId`). Every write that must not lose a race
 * is conditional: claims on `refreshRequestedAt`, readings on `fetchedAt`.
 */
export class DynamoDbRiskRepository implements RiskRepository {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async get(companyId: string): Promise<CompanyRisk | undefined> {
    const { Item } = await this.client.send(new GetCommand({ TableName: this.tableName, Key: { companyId } }));
    const item = Item as RiskItem | undefined;
    if (!item?.status || !item.fetchedAt || !item.statusChangedAt) return undefined;
    return { companyId, status: item.status, statusChangedAt: item.statusChangedAt, fetchedAt: item.fetchedAt };
  }

  async claimRefresh(
    companyId: string,
    now: Date,
    cooldownSeconds: number,
    options: ClaimOptions = {},
  ): Promise<boolean> {
    const cooledDown = '(attribute_not_exists(refreshRequestedAt) OR refreshRequestedAt <= :threshold)';
    const notFresh = '(attribute_not_exists(fetchedAt) OR fetchedAt < :fetchedBefore)';
    try {
      await this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: { companyId },
          UpdateExpression: 'SET refreshRequestedAt = :now',
          ConditionExpression: options.onlyIfFetchedBefore ? `${cooledDown} AND ${notFresh}` : cooledDown,
          ExpressionAttributeValues: {
            ':now': now.getTime(),
            ':threshold': now.getTime() - cooldownSeconds * 1000,
            ...(options.onlyIfFetchedBefore ? { ':fetchedBefore': options.onlyIfFetchedBefore.toISOString() } : {}),
          },
        }),
      );
      return true;
    } catch (error) {
      if (isConditionFailure(error)) return false;
      throw error;
    }
  }

  async releaseRefresh(companyId: string, claimedAt: Date): Promise<void> {
    try {
      // A release follows a send that failed, often for want of time: it gets its own short
      // budget (from the adapters' reserve) so the claim does not outlive the failure.
      await runWithGrace(RELEASE_GRACE_MS, () =>
        this.client.send(
          new UpdateCommand({
            TableName: this.tableName,
            Key: { companyId },
            UpdateExpression: 'REMOVE refreshRequestedAt',
            ConditionExpression: 'refreshRequestedAt = :claimedAt',
            ExpressionAttributeValues: { ':claimedAt': claimedAt.getTime() },
          }),
        ),
      );
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
    }
  }

  async saveIfUnchanged(next: CompanyRisk, expectedFetchedAt: string | undefined): Promise<boolean> {
    try {
      await this.client.send(
        new PutCommand({
          TableName: this.tableName,
          Item: next satisfies RiskItem,
          ...(expectedFetchedAt === undefined
            ? { ConditionExpression: 'attribute_not_exists(fetchedAt)' }
            : {
                ConditionExpression: 'fetchedAt = :expected',
                ExpressionAttributeValues: { ':expected': expectedFetchedAt },
              }),
        }),
      );
      return true;
    } catch (error) {
      if (isConditionFailure(error)) return false;
      throw error;
    }
  }

  async *staleCompanies(fetchedBefore: Date, pageSize: number): AsyncIterable<string[]> {
    const pages = scanPages(
      {
        TableName: this.tableName,
        ProjectionExpression: 'companyId',
        FilterExpression: 'fetchedAt < :before',
        ExpressionAttributeValues: { ':before': fetchedBefore.toISOString() },
        Limit: pageSize,
      },
      this.client,
    );
    for await (const page of pages) {
      if (page.length > 0) yield page.map((item) => String(item.companyId));
    }
  }
}
