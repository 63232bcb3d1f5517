/**
 * DynamoDB: dynalite's own HTTP handler (what a patched dynalite would serve) against the layer
 * in src/dynamodb (dynalite's store and operations behind the layer), both behind the same local
 * endpoint and reached through the real SDK v3 client. Prints latency of PutItem and GetItem and
 * how many of 50 parallel CreateTable + PutItem pairs fail.
 *
 * Run: npx tsx --conditions=@platform/source tools/local-cloud/bench/dynamodb-paths.ts [iterations]
 */
import { once } from 'node:events';
import type { RequestListener, Server } from 'node:http';
import { performance } from 'node:perf_hooks';
import { CreateTableCommand, DynamoDBClient, GetItemCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';
import dynalite from 'dynalite';
import { createAwsServer } from '../src/server.js';
import { startDynamoDb } from '../src/dynamodb/dynamodb-service.js';

const ITERATIONS = Number(process.argv[2] ?? 2000);

const serve = async (listener: RequestListener): Promise<{ url: string; close(): void }> => {
  const server = createAwsServer({
    services: [],
    passThrough: { DynamoDB_20120810: listener },
    defaultRegion: 'us-east-1',
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return { url: `http://127.0.0.1:${port}`, close: () => (server.closeAllConnections(), server.close()) };
};

const percentile = (sorted: number[], p: number): number =>
  sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? 0;

const measure = async (label: string, call: (i: number) => Promise<unknown>): Promise<string> => {
  for (let i = 0; i < 200; i++) await call(i); // warm-up
  const times: number[] = [];
  for (let i = 0; i < ITERATIONS; i++) {
    const start = performance.now();
    await call(i);
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  const mean = times.reduce((a, b) => a + b, 0) / times.length;
  return `${label.padEnd(9)} mean ${mean.toFixed(3)} ms  p50 ${percentile(times, 0.5).toFixed(3)} ms  p99 ${percentile(times, 0.99).toFixed(3)} ms`;
};

const run = async (label: string, listener: RequestListener): Promise<void> => {
  const endpoint = await serve(listener);
  const client = new DynamoDBClient({
    endpoint: endpoint.url,
    region: 'us-east-1',
    credentials: { accessKeyId: 'bench', secretAccessKey: 'bench' },
    maxAttempts: 1,
  });
  const table = (name: string): CreateTableCommand =>
    new CreateTableCommand({
      TableName: name,
      BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
      KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
    });
  await client.send(table('bench'));
  await new Promise((resolve) => setTimeout(resolve, 50));
  const item = (i: number) => ({ id: { S: `item-${i % 500}` }, n: { N: String(i) }, s: { S: 'x'.repeat(200) } });
  console.log(`\n${label}`);
  console.log(await measure('PutItem', (i) => client.send(new PutItemCommand({ TableName: 'bench', Item: item(i) }))));
  console.log(
    await measure('GetItem', (i) =>
      client.send(new GetItemCommand({ TableName: 'bench', Key: { id: { S: `item-${i % 500}` } } })),
    ),
  );
  const pairs = await Promise.allSettled(
    Array.from({ length: 50 }, async (_, i) => {
      await client.send(table(`race-${i}`));
      await client.send(new PutItemCommand({ TableName: `race-${i}`, Item: { id: { S: 'a' } } }));
    }),
  );
  console.log(
    `CreateTable then PutItem, 50 in parallel: ${pairs.filter((p) => p.status === 'rejected').length} failed`,
  );
  let failed = 0;
  for (let i = 0; i < 50; i++) {
    await client.send(table(`serial-${i}`));
    await client.send(new PutItemCommand({ TableName: `serial-${i}`, Item: { id: { S: 'a' } } })).catch(() => failed++);
  }
  console.log(`CreateTable then PutItem, 50 one after another: ${failed} failed`);
  client.destroy();
  endpoint.close();
};

const direct = dynalite({ createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 }) as Server;
direct.listen(0, '127.0.0.1');
await once(direct, 'listening');
await run("(a) dynalite's own handler (a patch's path)", direct.listeners('request')[0] as RequestListener);
direct.close();

const layer = await startDynamoDb({ ttlSweepIntervalMs: 0 });
await run('(b) the layer over dynalite’s store and operations', layer.listener);
await layer.stop();
