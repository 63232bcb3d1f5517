import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import { randomUUID } from 'node:crypto';
import { AwsError } from '../aws-error.js';
import { DYNALITE_OPERATIONS, type Body, type DynaliteEngine } from './dynalite-engine.js';
import { DynamoDbError, unknownOperation } from './dynamodb-errors.js';
import { asAskedKeys, byTableName, mergeWriteRequests, refuseSameTableTwice, withTableName } from './table-name.js';
import { createTable, deleteTable, describeTable, updateTable } from './table-operations.js';
import { writeItem } from './return-values-on-failure.js';
import { transactWriteItems } from './transact-write-items.js';
import { transactGetItems } from './transact-get-items.js';
import { describeTimeToLive, updateTimeToLive } from './time-to-live.js';
import type { Mutex } from './mutex.js';
import type { IdempotencyCache } from './idempotency-cache.js';

/** Largest request body accepted (BatchWriteItem's 16 MB, as dynalite's own limit). */
const MAX_BODY_BYTES = 16 * 1024 * 1024;
const CONTENT_TYPE = 'application/x-amz-json-1.0';

type Operation = (input: Body) => Promise<Body>;

/** What the handler is built from. */
export interface DynamoDbHandlerDeps {
  engine: DynaliteEngine;
  mutex: Mutex;
  tokens: IdempotencyCache;
}

/** The operations the layer serves: its own, then dynalite's with table ARNs taken as names. */
export const dynamoDbOperations = ({ engine, mutex, tokens }: DynamoDbHandlerDeps): Map<string, Operation> => {
  const operations = new Map<string, Operation>(
    DYNALITE_OPERATIONS.map((name) => [name, (input: Body) => engine.call(name, withTableName(input))]),
  );
  const own: Record<string, Operation> = {
    CreateTable: (input) => createTable(engine, withTableName(input)),
    DescribeTable: (input) => describeTable(engine, withTableName(input)),
    UpdateTable: (input) => updateTable(engine, withTableName(input)),
    DeleteTable: (input) => deleteTable(engine, withTableName(input)),
    PutItem: (input) => writeItem('PutItem')(engine, withTableName(input)),
    UpdateItem: (input) => writeItem('UpdateItem')(engine, withTableName(input)),
    DeleteItem: (input) => writeItem('DeleteItem')(engine, withTableName(input)),
    TransactWriteItems: (input) => transactWriteItems(engine, mutex, tokens, input),
    TransactGetItems: (input) => transactGetItems(engine, mutex, input),
    UpdateTimeToLive: (input) => updateTimeToLive(engine, withTableName(input)),
    DescribeTimeToLive: (input) => describeTimeToLive(engine, withTableName(input)),
    BatchGetItem: async (input) => {
      const { items, asAsked } = byTableName(input.RequestItems, refuseSameTableTwice);
      const out = await engine.call('BatchGetItem', { ...input, RequestItems: items });
      return {
        ...out,
        Responses: asAskedKeys(out.Responses, asAsked),
        UnprocessedKeys: asAskedKeys(out.UnprocessedKeys, asAsked),
      };
    },
    BatchWriteItem: async (input) => {
      const { items, asAsked } = byTableName(input.RequestItems, mergeWriteRequests);
      const out = await engine.call('BatchWriteItem', { ...input, RequestItems: items });
      return { ...out, UnprocessedItems: asAskedKeys(out.UnprocessedItems, asAsked) };
    },
  };
  for (const [name, operation] of Object.entries(own)) operations.set(name, operation);
  return operations;
};

const readBody = (req: IncomingMessage): Promise<Buffer> =>
  new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BODY_BYTES) chunks.push(chunk);
    });
    req.on('end', () =>
      size > MAX_BODY_BYTES
        ? reject(
            new DynamoDbError(
              'RequestEntityTooLarge',
              `Request body exceeds ${MAX_BODY_BYTES} bytes.`,
              {},
              { statusCode: 413 },
            ),
          )
        : resolve(Buffer.concat(chunks)),
    );
    req.on('error', reject);
  });

const send = (res: ServerResponse, status: number, body: Body, extra: Record<string, string> = {}): void => {
  if (res.headersSent || res.destroyed) return;
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': CONTENT_TYPE,
    'content-length': Buffer.byteLength(text).toString(),
    'x-amzn-requestid': randomUUID(),
    ...extra,
  });
  res.end(text);
};

const sendError = (res: ServerResponse, error: unknown): void => {
  const known =
    error instanceof DynamoDbError
      ? error
      : error instanceof AwsError
        ? new DynamoDbError(error.code, error.message, {}, { statusCode: error.statusCode })
        : undefined;
  if (!known) console.error('[local-cloud] DynamoDB internal error', error);
  const answer = known ?? new DynamoDbError('InternalServerError', 'Internal server error', {}, { statusCode: 500 });
  send(res, answer.statusCode, answer.toBody(), { 'x-amzn-errortype': answer.code });
};

const parse = (raw: Buffer): Body => {
  let input: unknown;
  try {
    input = raw.length === 0 ? {} : JSON.parse(raw.toString('utf8'));
  } catch {
    throw new DynamoDbError('SerializationException', 'Start of structure or map found where not expected.');
  }
  if (input === null || typeof input !== 'object' || Array.isArray(input))
    throw new DynamoDbError('SerializationException', 'Start of structure or map found where not expected.');
  return input as Body;
};

/**
 * The DynamoDB JSON 1.0 endpoint (`X-Amz-Target: DynamoDB_20120810.<Operation>`): the layer's
 * operations and dynalite's, everything else UnknownOperationException (400, no message, as AWS).
 */
export const createDynamoDbHandler = (deps: DynamoDbHandlerDeps): RequestListener => {
  const operations = dynamoDbOperations(deps);
  const serve = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    try {
      const raw = await readBody(req);
      const target = String(req.headers['x-amz-target'] ?? '');
      const operation = target.startsWith('DynamoDB_20120810.') ? operations.get(target.slice(18)) : undefined;
      if (!operation) throw unknownOperation();
      send(res, 200, await operation(parse(raw)));
    } catch (error) {
      sendError(res, error);
    }
  };
  return (req, res) => void serve(req, res);
};
