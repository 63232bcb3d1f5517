import { Readable } from 'node:stream';
import {
  DescribeTableCommand,
  DynamoDBClient,
  paginateListTables,
  paginateScan,
  ScanCommand,
  type AttributeValue,
} from '@aws-sdk/client-dynamodb';
import {
  GetQueueAttributesCommand,
  ListMessageMoveTasksCommand,
  paginateListQueues,
  SQSClient,
  StartMessageMoveTaskCommand,
} from '@aws-sdk/client-sqs';
import { SSMClient } from '@aws-sdk/client-ssm';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { clientConfig, collect, parametersByPath } from '@platform/aws';
import { looksSecret, main as params } from '@platform/params';
import { serviceSettingsPath, settingsPrefix, sharedSettingsPath } from '@platform/settings/conventions';
import type { ConsoleFeed, LogQuery } from './feed.js';

/** What the console shows of the running system (plain data: the console depends on no runner). */
export interface ConsoleSystem {
  stage: string;
  /** The settings prefix (default `platform`). */
  prefix?: string;
  /** The local cloud: its AWS endpoint, and a look into queues that changes nothing. */
  cloud: {
    endpoint: string;
    region: string;
    sqs: { peek(queueName: string, max?: number): unknown[] };
  };
  services: ReadonlyArray<{ name: string; httpUrl?: string }>;
  /** The monorepo root (where `npm run params` finds the services' schemas). */
  root?: string;
  /** How long one call to the local cloud may take before the console says so (default 5 s). */
  awsTimeoutMs?: number;
}

/** An answer of the console's API, in the platform's standard shape. */
export interface ApiAnswer {
  code: number;
  body: { status: string; message: string; data: unknown };
}

/** A refusal the API words for the user (400 unless said otherwise). */
export class ConsoleRequestError extends Error {
  constructor(
    message: string,
    readonly code = 400,
    readonly status = 'badRequest',
  ) {
    super(message);
    this.name = 'ConsoleRequestError';
  }
}

const ok = (data: unknown, message = 'OK'): ApiAnswer => ({ code: 200, body: { status: 'success', message, data } });

/** How a secret reads in the console: never its value. */
export const MASK = '********';

const QUEUE_NAME = /^[A-Za-z0-9_-]{1,80}(\.fifo)?$/;
const TABLE_NAME = /^[A-Za-z0-9_.-]{3,255}$/;
const SETTING_KEY = /^[A-Za-z0-9_.-]+(\/[A-Za-z0-9_.-]+)*$/;

const integer = (value: string | null, fallback: number, min: number, max: number, name: string): number => {
  if (value === null || value === '') return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min || n > max) {
    throw new ConsoleRequestError(`${name} must be a whole number from ${min} to ${max}`);
  }
  return n;
};

/**
 * A DynamoDB number as JSON can carry it: a number when it survives the round trip, else its
 * digits as a string (DynamoDB keeps 38 digits; JavaScript loses them past 2^53).
 */
const jsonNumber = (digits: string): number | string => {
  const value = Number(digits);
  return Number.isFinite(value) && String(value) === digits.replace(/^\+/, '') ? value : digits;
};

/** An unmarshalled item as JSON can carry it: sets as arrays, binary as base64. */
const jsonValue = (value: unknown): unknown => {
  if (value instanceof Set) return [...value].map(jsonValue);
  if (value instanceof Uint8Array) return Buffer.from(value).toString('base64');
  if (Array.isArray(value)) return value.map(jsonValue);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, jsonValue(item)]));
  }
  return value;
};

/** A queue as the queues view lists it. */
export interface QueueView {
  name: string;
  url: string;
  arn: string;
  visible: number;
  inFlight: number;
  delayed: number;
  /** Names of the queues whose redrive policy sends failures here: set for a dead-letter queue. */
  deadLetterFor: string[];
  /** The dead-letter queue of this one, if it has one. */
  deadLetterQueue?: string;
  maxReceiveCount?: number;
}

/**
 * The console's JSON API over the local cloud, the feed and the params CLI. Every answer is in the
 * standard `{ status, message, data }` shape; a refusal says why (400 or 404), an AWS failure
 * says which call failed (502), nothing answers with a stack trace.
 */
export const createConsoleApi = (system: ConsoleSystem, feed: ConsoleFeed) => {
  // A hung local cloud must not hang the page's polls: each call gives up and the view says why.
  const aws = clientConfig(
    { connectionTimeoutMs: 2_000, requestTimeoutMs: system.awsTimeoutMs ?? 5_000 },
    {
      endpoint: system.cloud.endpoint,
      region: system.cloud.region,
      credentials: { accessKeyId: 'local-console', secretAccessKey: 'local-console' },
      maxAttempts: 1,
    },
  );
  const sqs = new SQSClient(aws);
  const ssm = new SSMClient(aws);
  const dynamodb = new DynamoDBClient(aws);
  // One prefix for what the view lists and what an edit writes (never the CLI's environment).
  const prefix = settingsPrefix(system.prefix);
  const location = { stage: system.stage, prefix };

  const queues = async (): Promise<QueueView[]> => {
    const urls: string[] = [];
    for await (const page of paginateListQueues({ client: sqs }, { MaxResults: 1000 }))
      urls.push(...(page.QueueUrls ?? []));
    const read = await Promise.all(
      urls.map(async (url) => {
        try {
          const { Attributes = {} } = await sqs.send(
            new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ['All'] }),
          );
          return { url, attributes: Attributes };
        } catch (error) {
          // Deleted between the listing and now (a test tearing down): not part of the view.
          if (error instanceof Error && error.name.includes('QueueDoesNotExist')) return undefined;
          throw error;
        }
      }),
    );
    const all = read.filter((queue) => queue !== undefined);
    const nameOf = (arn: string | undefined): string | undefined => arn?.split(':').pop();
    const redrive = new Map(
      all.map(({ url, attributes }) => {
        try {
          const policy = attributes.RedrivePolicy ? JSON.parse(attributes.RedrivePolicy) : undefined;
          return [url, policy as { deadLetterTargetArn?: string; maxReceiveCount?: number } | undefined] as const;
        } catch {
          return [url, undefined] as const;
        }
      }),
    );
    return all
      .map(({ url, attributes }): QueueView => {
        const name = nameOf(attributes.QueueArn) ?? url.split('/').pop() ?? url;
        const policy = redrive.get(url);
        const view: QueueView = {
          name,
          url,
          arn: attributes.QueueArn ?? '',
          visible: Number(attributes.ApproximateNumberOfMessages ?? 0),
          inFlight: Number(attributes.ApproximateNumberOfMessagesNotVisible ?? 0),
          delayed: Number(attributes.ApproximateNumberOfMessagesDelayed ?? 0),
          deadLetterFor: all
            .filter((other) => redrive.get(other.url)?.deadLetterTargetArn === attributes.QueueArn)
            .map((other) => nameOf(other.attributes.QueueArn) ?? other.url),
        };
        const dlq = nameOf(policy?.deadLetterTargetArn);
        if (dlq) view.deadLetterQueue = dlq;
        if (policy?.maxReceiveCount !== undefined) view.maxReceiveCount = Number(policy.maxReceiveCount);
        return view;
      })
      .sort((a, b) => a.name.localeCompare(b.name));
  };

  /** The queue called `name`, and the listing it was found in (one reading of every queue). */
  const queueNamed = async (name: string): Promise<{ queue: QueueView; all: QueueView[] }> => {
    if (!QUEUE_NAME.test(name)) throw new ConsoleRequestError(`"${name}" is not a queue name`);
    const all = await queues();
    const queue = all.find((candidate) => candidate.name === name);
    if (!queue) throw new ConsoleRequestError(`no queue named ${name}`, 404, 'notFound');
    return { queue, all };
  };

  /** Every parameter under `path`, secrets masked. */
  const parametersUnder = async (path: string) => {
    // Not decrypted: the console never holds a secret's value.
    const found = await collect(parametersByPath(path, { client: ssm, decrypt: false }));
    return found
      .map((parameter) => {
        const name = parameter.Name ?? '';
        const secret = parameter.Type === 'SecureString' || looksSecret(name);
        return {
          key: name.slice(path.length + 1),
          name,
          type: parameter.Type,
          // Without WithDecryption a SecureString's value is ciphertext: masked all the same.
          value: secret ? MASK : parameter.Value,
          secret,
          version: parameter.Version,
          lastModified: parameter.LastModifiedDate?.toISOString(),
        };
      })
      .sort((a, b) => a.key.localeCompare(b.key));
  };

  /** `npm run params -- set …` in process, its output captured: the CLI's checks, word for word. */
  const setParameter = async (body: unknown): Promise<ApiAnswer> => {
    const input = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
    const { service, key, value, secure } = input;
    if (typeof service !== 'string' || !system.services.some((known) => known.name === service)) {
      throw new ConsoleRequestError(`service must be one of ${system.services.map((s) => s.name).join(', ')}`);
    }
    if (typeof key !== 'string' || !SETTING_KEY.test(key)) {
      throw new ConsoleRequestError('key must be a settings path such as legacy/maxLatencyMs or shared/logLevel');
    }
    if (typeof value !== 'string') throw new ConsoleRequestError('value must be a string');
    let out = '';
    let err = '';
    const argv = ['set', service, key, '-', '--stage', system.stage, '--prefix', prefix];
    if (secure === true) argv.push('--secure');
    const code = await params(argv, {
      stdout: { write: (text: string) => (out += text) },
      stderr: { write: (text: string) => (err += text) },
      // The value through stdin (`-`), as ops pass a secret: never on a command line.
      stdin: Readable.from([value]),
      ssm,
      ...(system.root ? { root: system.root } : {}),
    });
    const lines = (text: string) => text.split('\n').filter((line) => line.trim() !== '');
    if (code === 0) {
      // The CLI's warnings (a secret-looking key stored as a String) belong in what the user reads.
      const message = [lines(out)[0] ?? 'set', ...lines(err)].join('\n');
      return ok({ output: lines(out), warnings: lines(err) }, message);
    }
    return {
      code: 400,
      body: { status: 'badRequest', message: lines(err).join('\n') || 'refused', data: { output: lines(out) } },
    };
  };

  const tables = async () => {
    const names: string[] = [];
    for await (const page of paginateListTables({ client: dynamodb }, {})) names.push(...(page.TableNames ?? []));
    return Promise.all(
      names.map(async (name) => {
        const { Table } = await dynamodb.send(new DescribeTableCommand({ TableName: name }));
        // DescribeTable's ItemCount is refreshed "approximately every six hours" on AWS: counted here.
        let items = 0;
        for await (const page of paginateScan({ client: dynamodb }, { TableName: name, Select: 'COUNT' })) {
          items += page.Count ?? 0;
        }
        return {
          name,
          items,
          keys: (Table?.KeySchema ?? []).map((key) => ({ name: key.AttributeName, type: key.KeyType })),
          indexes: (Table?.GlobalSecondaryIndexes ?? []).map((index) => index.IndexName),
        };
      }),
    );
  };

  const browse = async (name: string, query: URLSearchParams) => {
    if (!TABLE_NAME.test(name)) throw new ConsoleRequestError(`"${name}" is not a table name`);
    const limit = integer(query.get('limit'), 25, 1, 100, 'limit');
    const cursor = query.get('cursor');
    let ExclusiveStartKey: Record<string, AttributeValue> | undefined;
    if (cursor) {
      try {
        ExclusiveStartKey = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
        if (typeof ExclusiveStartKey !== 'object' || ExclusiveStartKey === null || Array.isArray(ExclusiveStartKey)) {
          throw new Error('not a key');
        }
      } catch {
        throw new ConsoleRequestError('cursor is not one this console gave');
      }
    }
    const page = await dynamodb.send(new ScanCommand({ TableName: name, Limit: limit, ExclusiveStartKey }));
    return {
      items: (page.Items ?? []).map((item) => jsonValue(unmarshall(item, { wrapNumbers: jsonNumber }))),
      next: page.LastEvaluatedKey
        ? Buffer.from(JSON.stringify(page.LastEvaluatedKey), 'utf8').toString('base64url')
        : undefined,
    };
  };

  /** A path segment as the client meant it; a malformed escape is the client's mistake. */
  const segment = (raw: string | undefined): string => {
    try {
      return decodeURIComponent(raw ?? '');
    } catch {
      throw new ConsoleRequestError('the path is not valid URL encoding');
    }
  };

  /** Answers one API request; `undefined` when no route matches. */
  const handle = async (method: string, url: URL, body: unknown): Promise<ApiAnswer | undefined> => {
    const path = url.pathname;
    const query = url.searchParams;
    const queueRoute = /^\/api\/queues\/([^/]+)\/(messages|redrive)$/.exec(path);
    const tableRoute = /^\/api\/tables\/([^/]+)\/items$/.exec(path);
    if (method === 'GET' && path === '/api/system') {
      return ok({
        stage: system.stage,
        endpoint: system.cloud.endpoint,
        region: system.cloud.region,
        services: system.services,
      });
    }
    if (method === 'GET' && path === '/api/metrics') {
      return ok(
        feed.metrics({
          windowMs: integer(query.get('windowMs'), 300_000, 10_000, 900_000, 'windowMs'),
          bucketMs: integer(query.get('bucketMs'), 10_000, 1_000, 300_000, 'bucketMs'),
        }),
      );
    }
    if (method === 'GET' && path === '/api/logs') {
      const logQuery: LogQuery = {
        after: integer(query.get('after'), 0, 0, Number.MAX_SAFE_INTEGER, 'after'),
        limit: integer(query.get('limit'), 500, 1, 2_000, 'limit'),
      };
      for (const name of ['correlationId', 'service', 'text'] as const) {
        const value = query.get(name)?.trim();
        if (value) logQuery[name] = value.slice(0, 200);
      }
      return ok(feed.logs(logQuery));
    }
    if (method === 'GET' && path === '/api/queues') return ok(await queues());
    if (queueRoute && method === 'GET' && queueRoute[2] === 'messages') {
      const { queue } = await queueNamed(segment(queueRoute[1]));
      const max = integer(query.get('max'), 10, 1, 100, 'max');
      return ok({ queue: queue.name, messages: system.cloud.sqs.peek(queue.name, max) });
    }
    if (queueRoute && method === 'POST' && queueRoute[2] === 'redrive') {
      const { queue, all } = await queueNamed(segment(queueRoute[1]));
      if (queue.deadLetterFor.length === 0) {
        throw new ConsoleRequestError(`${queue.name} is no queue's dead-letter queue: there is nowhere to redrive to`);
      }
      // One source queue: named as the destination, so a message that reached the DLQ another way
      // (sent to it directly) goes there too. Several: none named, and SQS moves each message back
      // to the queue it was dead-lettered from.
      const sourceArn =
        queue.deadLetterFor.length === 1 ? all.find((other) => other.name === queue.deadLetterFor[0])?.arn : undefined;
      const { TaskHandle } = await sqs.send(
        new StartMessageMoveTaskCommand({ SourceArn: queue.arn, ...(sourceArn ? { DestinationArn: sourceArn } : {}) }),
      );
      // A task can fail at once (a message with no source to return to): say so, not "started".
      const { Results = [] } = await sqs.send(new ListMessageMoveTasksCommand({ SourceArn: queue.arn, MaxResults: 1 }));
      const task = Results[0];
      if (task?.Status === 'FAILED') {
        throw new ConsoleRequestError(
          `redrive of ${queue.name} failed: ${task.FailureReason ?? 'no reason given'}`,
          409,
          'conflict',
        );
      }
      return ok(
        {
          queue: queue.name,
          taskHandle: TaskHandle,
          status: task?.Status,
          destination: sourceArn ? queue.deadLetterFor[0] : 'each message’s source queue',
          messages: task?.ApproximateNumberOfMessagesToMove ?? queue.visible + queue.inFlight + queue.delayed,
        },
        `redrive of ${queue.name} ${task?.Status === 'COMPLETED' ? 'done' : 'started'}`,
      );
    }
    if (method === 'GET' && path === '/api/parameters') {
      const shared = sharedSettingsPath(location);
      return ok({
        shared: { path: shared, parameters: await parametersUnder(shared) },
        services: await Promise.all(
          system.services.map(async ({ name }) => {
            const servicePath = serviceSettingsPath(name, location);
            return { service: name, path: servicePath, parameters: await parametersUnder(servicePath) };
          }),
        ),
      });
    }
    if (method === 'PUT' && path === '/api/parameters') return setParameter(body);
    if (method === 'GET' && path === '/api/tables') return ok(await tables());
    if (tableRoute && method === 'GET') return ok(await browse(segment(tableRoute[1]), query));
    return undefined;
  };

  return {
    handle,
    close: () => {
      sqs.destroy();
      ssm.destroy();
      dynamodb.destroy();
    },
  };
};

export type ConsoleApi = ReturnType<typeof createConsoleApi>;
