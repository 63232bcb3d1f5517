/**
 * auth-service on embedded PostgreSQL: the connections one container holds while its `me` handler
 * runs in-process — `invocations` times one after another, then `concurrent` at once — with
 * `db.pool.max` 1 (settings from the local cloud's Parameter Store, tokens checked against the
 * service's own JWKS over HTTP). Connections are counted in pg_stat_activity by the container's
 * `application_name` (`auth-service:<8 hex>`), sampled during each phase and after it; the target
 * is one per container. Also prints the invocations' p50 / p99.
 * Usage: `npx tsx --conditions=@platform/source bench/auth-connections.ts [invocations] [concurrent]`.
 * Prints, asserts nothing.
 */
import { createServer } from 'node:http';
import { once } from 'node:events';
import type { APIGatewayProxyResult, Context } from 'aws-lambda';
import { PutParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import { exportJWK, generateKeyPair } from 'jose';
import { QueryTypes } from 'sequelize';
import { startLocalCloud, startPostgres } from '../tools/local-cloud/src/index.js';
import { DB_POOL_DEFAULTS, dbSettingsSchema, defineDatabase } from '../packages/db/src/index.js';
import { lambdaContext } from '../packages/lambda/src/testing/index.js';
import { publicKeysOf } from '../services/auth-service/src/adapters/public-keys.js';
import type { PrivateSigningJwk } from '../services/auth-service/src/adapters/signing-keys.js';
import { percentile, timeEach } from './stats.js';

const INVOCATIONS = Number(process.argv[2] ?? 200);
const CONCURRENT = Number(process.argv[3] ?? 20);
const STAGE = 'bench';
const ISSUER = 'https://auth.bench.example';
const AUDIENCE = 'platform-bench';

// The local system: Postgres, Parameter Store, and this process pointed at them before any handler loads.
const [postgres, cloud] = await Promise.all([startPostgres(), startLocalCloud({ port: 0 })]);
Object.assign(process.env, cloud.env, { STAGE, SETTINGS_PREFIX: 'platform' });
const { privateKey } = await generateKeyPair('ES256', { extractable: true });
const key = { ...(await exportJWK(privateKey)), kid: 'bench-1', alg: 'ES256', use: 'sig' } as PrivateSigningJwk;

type Handler = (event: object, context: Context) => Promise<APIGatewayProxyResult>;
const context = (functionName: string): Context => lambdaContext(functionName);
const { handler: jwks } = await import('../services/auth-service/src/functions/jwks/handler.js');
const jwksServer = createServer((_req, res) => {
  void jwks({}, context('auth-service-bench-jwks')).then((answer) => {
    res.writeHead(answer.statusCode, answer.headers as Record<string, string>);
    res.end(answer.body);
  });
}).listen(0, '127.0.0.1');
await once(jwksServer, 'listening');
const address = jwksServer.address();
const jwksUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/.well-known/jwks.json`;

const ssm = new SSMClient({
  endpoint: cloud.endpoint,
  region: cloud.region,
  credentials: { accessKeyId: 'b', secretAccessKey: 'b' },
});
const parameters: Record<string, string | { secure: string }> = {
  'shared/logLevel': 'silent',
  'shared/db/url': { secure: postgres.url },
  'shared/db/pool/max': '1',
  'shared/auth/jwksUrl': jwksUrl,
  'shared/auth/issuer': ISSUER,
  'shared/auth/audience': AUDIENCE,
  // The private key in its own tree (token signs with it), its public part where jwks and me read it.
  'auth-service-signing/keys': { secure: JSON.stringify({ current: key }) },
  'auth-service/signing/publicKeys': JSON.stringify(publicKeysOf({ current: key })),
  // Seeded by the token function: registration is for admins, and the bench needs one user only.
  'auth-service/bootstrapAdmin/email': 'bench@example.com',
  'auth-service/bootstrapAdmin/password': { secure: 'correct horse battery staple' },
};
for (const [path, value] of Object.entries(parameters)) {
  const secure = typeof value === 'object';
  await ssm.send(
    new PutParameterCommand({
      Name: `/platform/${STAGE}/${path}`,
      Value: secure ? value.secure : value,
      Type: secure ? 'SecureString' : 'String',
      Overwrite: true,
    }),
  );
}

const token = (await import('../services/auth-service/src/functions/token/handler.js')).handler as Handler;
const me = (await import('../services/auth-service/src/functions/me/handler.js')).handler as Handler;
const { database } = await import('../services/auth-service/src/deps.js');

const event = (method: string, path: string, body: unknown, authorization?: string) => ({
  httpMethod: method,
  path,
  headers: { 'content-type': 'application/json', ...(authorization ? { authorization } : {}) },
  pathParameters: null,
  queryStringParameters: null,
  body: body === undefined ? null : JSON.stringify(body),
  isBase64Encoded: false,
  requestContext: {},
});
const credentials = { email: 'bench@example.com', password: 'correct horse battery staple' };
const login = await token(event('POST', '/auth/token', credentials), context('auth-service-bench-token'));
const { accessToken } = (JSON.parse(login.body) as { data: { accessToken: string } }).data;

// The monitor has its own connection, under another application_name.
const monitor = defineDatabase({
  define: () => ({}),
  applicationName: 'bench-monitor',
  logger: { info: () => undefined, warn: () => undefined },
});
const { sequelize } = await monitor.get(dbSettingsSchema.parse({ url: postgres.url }));
const serverConnections = async (): Promise<{ connections: number; instances: number }> => {
  const [row] = await sequelize.query<{ connections: number; instances: number }>(
    `SELECT count(*)::int AS connections, count(DISTINCT application_name)::int AS instances
       FROM pg_stat_activity WHERE application_name LIKE 'auth-service:%'`,
    { type: QueryTypes.SELECT },
  );
  return row ?? { connections: 0, instances: 0 };
};

/** Runs `work` while sampling the connections; the most seen at once, and how many samples. */
const sampled = async <T>(work: () => Promise<T>): Promise<{ result: T; max: number; samples: number }> => {
  let running = true;
  let max = 0;
  let samples = 0;
  const sampler = (async () => {
    while (running) {
      max = Math.max(max, (await serverConnections()).connections);
      samples += 1;
      await new Promise((resolve) => setTimeout(resolve, 2));
    }
  })();
  const result = await work();
  running = false;
  await sampler;
  return { result, max, samples };
};

const statusCodes = new Map<number, number>();
const invokeMe = async (): Promise<void> => {
  const answer = await me(
    event('GET', '/auth/me', undefined, `Bearer ${accessToken}`),
    context('auth-service-bench-me'),
  );
  statusCodes.set(answer.statusCode, (statusCodes.get(answer.statusCode) ?? 0) + 1);
};
const timed = async (): Promise<number> => {
  const started = performance.now();
  await invokeMe();
  return performance.now() - started;
};

const sequential = await sampled(() => timeEach(invokeMe, INVOCATIONS, 20));
const afterSequential = await serverConnections();
const concurrent = await sampled(() => Promise.all(Array.from({ length: CONCURRENT }, timed)));
const afterConcurrent = await serverConnections();
const idleWaitMs = DB_POOL_DEFAULTS.idleMs + 2 * DB_POOL_DEFAULTS.evictMs + 500;
await new Promise((resolve) => setTimeout(resolve, idleWaitMs));
const afterIdle = await serverConnections();

const ms = (durations: readonly number[], p: number) => `${percentile(durations, p).toFixed(2)} ms`;
const held = (seen: { connections: number; instances: number }) =>
  `${seen.connections} connection(s), ${seen.instances} instance(s)`;
const row = (label: string, value: string) => console.log(`${label.padEnd(36)}${value}`);
console.log('auth-service GET /auth/me in-process on embedded PostgreSQL, db.pool.max 1, one container');
row('answers', [...statusCodes].map(([code, n]) => `${n} × ${code}`).join(', '));
row(
  `${INVOCATIONS} sequential (after 20 warm-up)`,
  `p50 ${ms(sequential.result, 50)}  p99 ${ms(sequential.result, 99)}`,
);
row('  connections during', `at most ${sequential.max} (${sequential.samples} samples)`);
row('  connections just after', held(afterSequential));
row(`${CONCURRENT} concurrent`, `p50 ${ms(concurrent.result, 50)}  p99 ${ms(concurrent.result, 99)}`);
row('  connections during', `at most ${concurrent.max} (${concurrent.samples} samples)`);
row('  connections just after', held(afterConcurrent));
row(
  `  connections after ${(idleWaitMs / 1000).toFixed(1)} s idle`,
  `${held(afterIdle)} (pool min 0, idleMs ${DB_POOL_DEFAULTS.idleMs})`,
);

await database.close();
await monitor.close();
jwksServer.close();
ssm.destroy();
await cloud.stop();
await postgres.stop();
