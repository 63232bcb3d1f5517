import { createServer, type Server, type Socket } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { GetItemCommand } from '@aws-sdk/client-dynamodb';
import { GetParameterCommand } from '@aws-sdk/client-ssm';
import { configureAwsClients, dynamoDbClient, resetAwsClients, ssmClient, TIMEOUTS } from '../../src/index.js';

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
