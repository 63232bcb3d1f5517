import {
  paginateQuery,
  paginateScan,
  type DynamoDBDocumentClient,
  type QueryCommandInput,
  type ScanCommandInput,
} from '@aws-sdk/lib-dynamodb';
import { paginateGetParametersByPath, type Parameter, type SSMClient } from '@aws-sdk/client-ssm';
import { documentClient, ssmClient } from './clients.js';

/** A DynamoDB item as the document client returns it. */
export type Item = Record<string, unknown>;

/**
 * Every page of a query, following `LastEvaluatedKey` until the end.
 *
 * @example
 * for await (const page of queryPages({ TableName, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': id } })) {
 *   handle(page);
 * }
 */
export async function* queryPages(input: QueryCommandInput, client: DynamoDBDocumentClient = documentClient()) {
  for await (const page of paginateQuery({ client }, input)) yield (page.Items ?? []) as Item[];
}

/** Every item of a query, one at a time. */
export async function* queryItems(input: QueryCommandInput, client?: DynamoDBDocumentClient) {
  for await (const page of queryPages(input, client)) yield* page;
}

/** Every page of a scan (use `Limit` to bound a page, `FilterExpression` to narrow it). */
export async function* scanPages(input: ScanCommandInput, client: DynamoDBDocumentClient = documentClient()) {
  for await (const page of paginateScan({ client }, input)) yield (page.Items ?? []) as Item[];
}

/** Every item of a scan, one at a time. */
export async function* scanItems(input: ScanCommandInput, client?: DynamoDBDocumentClient) {
  for await (const page of scanPages(input, client)) yield* page;
}

/** Options for {@link parametersByPath}. */
export interface ParametersByPathOptions {
  client?: SSMClient;
  /** All descendants (default) or only the level below. */
  recursive?: boolean;
  /** Decrypt SecureString values (default true). */
  decrypt?: boolean;
  /** Aborts the read (every page request) when it fires, e.g. at the caller's deadline. */
  signal?: AbortSignal;
}

/** Every parameter under a path of Parameter Store, following `NextToken` (10 per call). */
export async function* parametersByPath(path: string, options: ParametersByPathOptions = {}) {
  const client = options.client ?? ssmClient();
  const pages = paginateGetParametersByPath(
    { client, pageSize: 10 },
    { Path: path, Recursive: options.recursive ?? true, WithDecryption: options.decrypt ?? true },
    ...(options.signal ? [{ abortSignal: options.signal }] : []),
  );
  for await (const page of pages) yield* (page.Parameters ?? []) as Parameter[];
}

/** Collects an async iterable into an array (stop early with `limit`). */
export const collect = async <T>(iterable: AsyncIterable<T>, limit = Infinity): Promise<T[]> => {
  const items: T[] = [];
  if (limit <= 0) return items;
  for await (const item of iterable) {
    items.push(item);
    if (items.length >= limit) break;
  }
  return items;
};
