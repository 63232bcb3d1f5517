import type { Server } from 'node:http';
import { once } from 'node:events';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createAwsServer, readBody } from './server.js';
import { FaultInjector, type FaultRule } from './fault-injector.js';
import { AwsError } from './aws-error.js';
import { createSsmService } from './ssm/ssm-service.js';
import { createSqsService, type SqsService } from './sqs/sqs-service.js';
import { startDynamoDb, type DynamoDbOptions, type DynamoDbService } from './dynamodb/dynamodb-service.js';
import { startPostgres, type PostgresOptions, type PostgresService } from './postgres/postgres-service.js';

/** Default port of the local AWS endpoint (the one LocalStack uses). */
export const DEFAULT_PORT = 4566;
/** Region used when a request names none. */
export const DEFAULT_REGION = 'us-east-1';

/** Options for {@link startLocalCloud}. */
export interface LocalCloudOptions {
  /** Port of the AWS endpoint; 4566 by default, 0 for any free port (tests). */
  port?: number;
  /** Interface to bind; loopback by default. */
  host?: string;
  region?: string;
  dynamodb?: DynamoDbOptions;
  /** Start PostgreSQL too (or use `databaseUrl`); off unless given. */
  postgres?: PostgresOptions | false;
}

/** A running local cloud. */
export interface LocalCloud {
  /** `http://127.0.0.1:4566`: set it as `AWS_ENDPOINT_URL`. */
  endpoint: string;
  port: number;
  region: string;
  /** The PostgreSQL server, when asked for. */
  postgres: PostgresService | undefined;
  /** Injected failures, to test how callers cope (also at `POST/DELETE /_local-cloud/faults`). */
  faults: FaultInjector;
  /** DynamoDB's time-to-live sweep, run on demand (tests); resolves to how many items it deleted. */
  dynamodb: Pick<DynamoDbService, 'sweepExpiredItems'>;
  /**
   * A look into a queue that SQS itself does not offer: its messages as they are, nothing
   * received, hidden or counted (the local console peeks dead-letter queues with it).
   * @throws AwsError `QueueDoesNotExist`.
   */
  sqs: Pick<SqsService, 'peek'>;
  /** The environment a process needs to reach this local cloud with the AWS SDK. */
  env: Record<string, string>;
  /** Stops everything and removes temporary data. Safe to call twice. */
  stop(): Promise<void>;
}

/** `POST /_local-cloud/faults`: 204, or 400 with a ValidationException naming what is wrong. */
const addFault = async (faults: FaultInjector, req: IncomingMessage, res: ServerResponse): Promise<void> => {
  try {
    let rule: unknown;
    try {
      rule = JSON.parse((await readBody(req)).toString('utf8'));
    } catch {
      throw new AwsError('ValidationException', 'Invalid fault rule: the body is not JSON.');
    }
    faults.add(rule as FaultRule);
    res.writeHead(204).end();
  } catch (error) {
    const message = error instanceof AwsError ? error.message : 'Invalid fault rule.';
    res.writeHead(400, { 'content-type': 'application/json', 'x-amzn-errortype': 'ValidationException' });
    res.end(JSON.stringify({ __type: 'ValidationException', message }));
  }
};

/**
 * Starts the local cloud: one AWS endpoint serving SSM Parameter Store, SQS and DynamoDB, and
 * optionally PostgreSQL.
 *
 * @example
 * const cloud = await startLocalCloud({ port: 0 });
 * const ssm = new SSMClient({ endpoint: cloud.endpoint, region: cloud.region });
 * // ...
 * await cloud.stop();
 */
export const startLocalCloud = async (options: LocalCloudOptions = {}): Promise<LocalCloud> => {
  const region = options.region ?? DEFAULT_REGION;
  const host = options.host ?? '127.0.0.1';
  const started: Array<() => Promise<void>> = [];
  const stopAll = async (): Promise<void> => {
    const errors: unknown[] = [];
    for (const stop of started.splice(0).reverse()) {
      try {
        await stop();
      } catch (error) {
        errors.push(error);
      }
    }
    if (errors.length > 0) throw new AggregateError(errors, 'local cloud did not stop cleanly');
  };

  try {
    const dynamodb = await startDynamoDb(options.dynamodb);
    started.push(() => dynamodb.stop());
    const sqs = createSqsService();
    started.push(async () => sqs.close());

    const faults = new FaultInjector();
    const server: Server = createAwsServer({
      services: [createSsmService(), sqs],
      passThrough: { DynamoDB_20120810: dynamodb.listener },
      defaultRegion: region,
      faults,
      routes: {
        'POST /_local-cloud/faults': (req, res) => void addFault(faults, req, res),
        'DELETE /_local-cloud/faults': (_req, res) => {
          faults.clear();
          res.writeHead(204).end();
        },
        'GET /_local-cloud/health': (_req, res) => {
          res.writeHead(200, { 'content-type': 'application/json' });
          res.end(JSON.stringify({ status: 'ok', services: ['ssm', 'sqs', 'dynamodb'] }));
        },
      },
    });
    server.listen(options.port ?? DEFAULT_PORT, host);
    await Promise.race([
      once(server, 'listening'),
      once(server, 'error').then(([error]) => {
        throw error;
      }),
    ]);
    started.push(
      () =>
        new Promise<void>((resolve) => {
          server.close(() => resolve());
          server.closeAllConnections();
        }),
    );
    const address = server.address();
    const port = typeof address === 'object' && address ? address.port : (options.port ?? DEFAULT_PORT);
    const endpoint = `http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${port}`;

    let postgres: PostgresService | undefined;
    if (options.postgres) {
      postgres = await startPostgres(options.postgres);
      const pg = postgres;
      started.push(() => pg.stop());
    }

    const env: Record<string, string> = {
      AWS_ENDPOINT_URL: endpoint,
      AWS_REGION: region,
      AWS_ACCESS_KEY_ID: 'local',
      AWS_SECRET_ACCESS_KEY: 'local',
      ...(postgres ? { DATABASE_URL: postgres.url } : {}),
    };
    const sweepExpiredItems = (): Promise<number> => dynamodb.sweepExpiredItems();
    return {
      endpoint,
      port,
      region,
      postgres,
      faults,
      env,
      dynamodb: { sweepExpiredItems },
      sqs: { peek: (queueName, max) => sqs.peek(queueName, max) },
      stop: stopAll,
    };
  } catch (error) {
    await stopAll().catch(() => undefined);
    throw error;
  }
};
