import { createServer, type Server, type Socket } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { GetItemCommand } from '@aws-sdk/client-dynamodb';
import { GetParameterCommand } from '@aws-sdk/client-ssm';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { SendMessageCommand } from '@aws-sdk/client-sqs';
import { DeadlineExceededError, runWithDeadline } from '@platform/deadline';
import {
  configureAwsClients,
  documentClient,
  dynamoDbClient,
  resetAwsClients,
  sqsClient,
  ssmClient,
  TIMEOUTS,
} from '../../src/index.js';

/** A server that accepts connections and then says nothing, or only part of an answer. */
const startSilentServer = async (send?: string): Promise<{ url: string; server: Server; sockets: Set<Socket> }> => {
  const sockets = new Set<Socket>();
  const server = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => undefined);
    socket.on('data', () => {
      if (send !== undefined) socket.write(send);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return { url: `http://127.0.0.1:${port}`, server, sockets };
};

const stopServer = async ({ server, sockets }: { server: Server; sockets: Set<Socket> }) => {
  for (const socket of sockets) socket.destroy();
  await new Promise<void>((resolve) => server.close(() => resolve()));
};

/** How a promise settled and after how long, so a test can tell a failure from a hang. */
const settle = async (promise: Promise<unknown>) => {
  const started = Date.now();
  try {
    await promise;
    return { outcome: 'resolved' as const, ms: Date.now() - started };
  } catch (error) {
    return { outcome: 'rejected' as const, name: (error as Error).name, ms: Date.now() - started };
  }
};

const credentials = { accessKeyId: 'test', secretAccessKey: 'test' };

/**
 * A dependency that hangs is the common real outage: the connection is accepted, no answer comes.
 * Every client must then fail the call after its request timeout instead of waiting for ever.
 */
describe('clients against an endpoint that accepts and never answers', () => {
  let hung: Awaited<ReturnType<typeof startSilentServer>>;
  let stalled: Awaited<ReturnType<typeof startSilentServer>>;

  beforeAll(async () => {
    hung = await startSilentServer();
    // Headers and then nothing: the response starts and stalls half-way.
    stalled = await startSilentServer(
      'HTTP/1.1 200 OK\r\ncontent-type: application/x-amz-json-1.1\r\ncontent-length: 100\r\n\r\n{',
    );
  });
  afterEach(() => resetAwsClients());
  afterAll(async () => {
    configureAwsClients({});
    await stopServer(hung);
    await stopServer(stalled);
  });

  it('fails an SSM call with a TimeoutError after the request timeout', async () => {
    configureAwsClients({ endpoint: hung.url, region: 'us-east-1', credentials, maxAttempts: 1 });

    const result = await settle(ssmClient().send(new GetParameterCommand({ Name: '/platform/dev/x' })));

    expect(result).toMatchObject({ outcome: 'rejected', name: 'TimeoutError' });
    expect(result.ms).toBeGreaterThanOrEqual(TIMEOUTS.ssm.requestTimeoutMs - 50);
  });

  it('fails a DynamoDB call the same way, each of its attempts timed out', async () => {
    configureAwsClients({ endpoint: hung.url, region: 'us-east-1', credentials, maxAttempts: 2 });

    const result = await settle(
      dynamoDbClient().send(new GetItemCommand({ TableName: 'risks', Key: { id: { S: 'c-1' } } })),
    );

    expect(result).toMatchObject({ outcome: 'rejected', name: 'TimeoutError' });
    expect(result.ms).toBeGreaterThanOrEqual(2 * TIMEOUTS.dynamodb.requestTimeoutMs - 50);
  });

  it('fails a call whose response stalls half-way', async () => {
    configureAwsClients({ endpoint: stalled.url, region: 'us-east-1', credentials, maxAttempts: 1 });

    const result = await settle(ssmClient().send(new GetParameterCommand({ Name: '/platform/dev/x' })));

    expect(result).toMatchObject({ outcome: 'rejected' });
  });

  it('fails 50 parallel calls, none left pending', async () => {
    configureAwsClients({ endpoint: hung.url, region: 'us-east-1', credentials, maxAttempts: 1 });

    const results = await Promise.all(
      Array.from({ length: 50 }, (_, i) => settle(ssmClient().send(new GetParameterCommand({ Name: `/p/${i}` })))),
    );

    expect(results.map((result) => result.outcome)).toEqual(Array(50).fill('rejected'));
  });
});

/**
 * Inside an invocation, a client's own timeouts are not enough: three attempts of 3 s outlast a
 * 6 s Lambda. Every call ends at the invocation's deadline instead, as a DeadlineExceededError.
 */
describe('clients inside an invocation deadline', () => {
  let hung: Awaited<ReturnType<typeof startSilentServer>>;
  const budgetMs = 300;

  beforeAll(async () => {
    hung = await startSilentServer();
    configureAwsClients({ endpoint: hung.url, region: 'us-east-1', credentials, maxAttempts: 3 });
  });
  afterAll(async () => {
    configureAwsClients({});
    await stopServer(hung);
  });

  const withinBudget = (call: () => Promise<unknown>) => runWithDeadline(Date.now() + budgetMs, () => settle(call()));

  it.each([
    ['SSM GetParameter', () => ssmClient().send(new GetParameterCommand({ Name: '/platform/dev/x' }))],
    ['DynamoDB GetItem', () => dynamoDbClient().send(new GetItemCommand({ TableName: 't', Key: { id: { S: 'a' } } }))],
    ['DynamoDB Get', () => documentClient().send(new GetCommand({ TableName: 't', Key: { id: 'a' } }))],
    [
      'SQS SendMessage',
      () => sqsClient().send(new SendMessageCommand({ QueueUrl: `${hung.url}/q`, MessageBody: 'x' })),
    ],
  ])('fails %s at the deadline, not after its retries', async (dependency, call) => {
    const result = await withinBudget(call);

    expect(result).toMatchObject({ outcome: 'rejected', name: 'DeadlineExceededError' });
    // Well before one request timeout (3 s), let alone three attempts of it.
    expect(result.ms).toBeLessThan(TIMEOUTS.ssm.requestTimeoutMs);
    await runWithDeadline(Date.now() - 1, async () => {
      const error = await call().catch((e: unknown) => e);
      expect(error).toBeInstanceOf(DeadlineExceededError);
      expect(error).toMatchObject({ dependency, status: 'unavailable' });
    });
  });

  it('fails 100 parallel calls at the deadline, none left pending', async () => {
    const results = await runWithDeadline(Date.now() + budgetMs, () =>
      Promise.all(
        Array.from({ length: 100 }, (_, i) =>
          settle(
            i % 2
              ? ssmClient().send(new GetParameterCommand({ Name: `/p/${i}` }))
              : documentClient().send(new GetCommand({ TableName: 't', Key: { id: String(i) } })),
          ),
        ),
      ),
    );

    expect(results.map((result) => result.name)).toEqual(Array(100).fill('DeadlineExceededError'));
  });

  it("still honours the caller's own abort signal, which may come first", async () => {
    const result = await runWithDeadline(Date.now() + 60_000, () =>
      settle(
        ssmClient().send(new GetParameterCommand({ Name: '/platform/dev/x' }), {
          abortSignal: AbortSignal.timeout(50),
        }),
      ),
    );

    expect(result).toMatchObject({ outcome: 'rejected' });
    expect(result.name).not.toBe('DeadlineExceededError');
    expect(result.ms).toBeLessThan(TIMEOUTS.ssm.requestTimeoutMs);
  });
});
